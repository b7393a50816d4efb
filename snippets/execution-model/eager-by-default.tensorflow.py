# title: Both run eagerly by default: an operation returns a concrete value at once
import tensorflow as tf

print("executing eagerly:", tf.executing_eagerly())
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
y = x @ x + 1.0
# The result exists immediately; no session, no placeholder, no graph to run.
print("type:", type(y).__name__)
print("value:", y.numpy().tolist())
