# title: Both run eagerly by default: an operation returns its value at once
import tensorflow as tf

# Each operation runs at once: no Session, no placeholder.
print("eager:", tf.executing_eagerly())
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
y = x @ x + 1.0
print("value:", y.numpy().tolist())
# Ordinary Python control flow works on concrete values.
print("largest > 20:", bool(tf.reduce_max(y) > 20))
