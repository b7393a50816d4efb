# title: Placing tensors on a device
import tensorflow as tf

tf.config.set_soft_device_placement(
    False
)  # fail instead of silently falling back to the CPU
with tf.device("/CPU:0"):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    y = x @ x
spec = tf.DeviceSpec.from_string(y.device)
print("device type:", spec.device_type, "index:", spec.device_index)
print("result:", y.numpy().tolist())
try:
    with tf.device("/GPU:0"):
        tf.constant([1.0]) * 2.0  # no GPU here
    print("asking for a missing GPU: ran anyway")
except (tf.errors.InvalidArgumentError, RuntimeError):
    print("asking for a missing GPU: error")
