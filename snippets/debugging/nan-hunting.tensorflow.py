# title: Finding the first NaN: tf.debugging.enable_check_numerics and torch.autograd.detect_anomaly
# differs: TensorFlow stops at the forward op that produced the NaN, PyTorch's anomaly mode stops at the backward function that did
# same: ^unchecked (?:loss|grad):
import textwrap

import tensorflow as tf

x = tf.Variable([4.0, -1.0])

# Without checks the NaN flows on silently.
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.sqrt(x))
print("unchecked loss:", float(loss))
print("unchecked grad:", tape.gradient(loss, x).numpy().tolist())

# With checks, the first op that outputs NaN or Inf raises, naming the op.
tf.debugging.enable_check_numerics()
try:
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.sqrt(x))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)
    lines = [line.strip() for line in e.message.splitlines() if line.strip()]
    for line in lines[1:6]:  # lines[0] names an internal wrapper function
        print(textwrap.fill(line, 88, initial_indent="  ", subsequent_indent="    "))
tf.debugging.disable_check_numerics()

# A single tensor can be checked explicitly, in eager code or inside tf.function.
try:
    tf.debugging.check_numerics(tf.sqrt(x), message="after sqrt")
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, "-", e.message.split("}}")[-1].strip())
