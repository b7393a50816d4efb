# title: Model parallelism for contrast: each device holds a different part of ONE model
"""Split a two-layer model across two logical devices: no replicas, no all-reduce."""

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[
    0
]  # logical devices first, before any other TF call
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)

rng = np.random.RandomState(0)
x = rng.normal(size=(8, 3)).astype("float32")
k1 = rng.normal(size=(3, 4)).astype("float32")
k2 = rng.normal(size=(4, 1)).astype("float32")

with tf.device("/cpu:0"):  # stage 0 owns the first layer's weights
    w1 = tf.Variable(k1)
with tf.device("/cpu:1"):  # stage 1 owns the second layer's weights
    w2 = tf.Variable(k2)
print(
    "stage 0 parameters:", int(tf.size(w1)), "| stage 1 parameters:", int(tf.size(w2))
)

with tf.device("/cpu:0"):
    hidden = tf.tanh(x @ w1)
print("activations passed from stage 0 to stage 1:", hidden.shape.as_list())
with tf.device("/cpu:1"):
    out = hidden @ w2  # TensorFlow copies `hidden` to the other device for this op

reference = np.tanh(x @ k1) @ k2  # the same model, unsplit
print(
    "output matches the unsplit model:",
    bool(np.allclose(out.numpy(), reference, atol=1e-5)),
)
print("output[:3]:", [round(float(v), 8) for v in out.numpy()[:3, 0]])
