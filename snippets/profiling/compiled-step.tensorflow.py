# title: Compile the same forward pass (XLA, torch.compile): the same numbers as eager
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
w1 = (0.1 * rng.normal(size=(16, 32))).astype("float32")
w2 = (0.1 * rng.normal(size=(32, 4))).astype("float32")
x = tf.constant(rng.normal(size=(8, 16)).astype("float32"))


def forward(x):
    return tf.nn.softmax(tf.tanh(x @ w1) @ w2)


eager = forward(x).numpy()
compiled = tf.function(forward, jit_compile=True)  # XLA compiles the whole function
out = compiled(x).numpy()
print("row 0:", " ".join(f"{v:.8g}" for v in out[0]))
print("row 7:", " ".join(f"{v:.8g}" for v in out[7]))
print("compiled within 1e-6 of eager:", bool(np.abs(out - eager).max() < 1e-6))
