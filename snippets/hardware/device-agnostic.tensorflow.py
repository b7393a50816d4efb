# title: Device-agnostic training code
import numpy as np
import tensorflow as tf

# Nothing to choose: TensorFlow places ops on a GPU when one is visible, else on the
# CPU.
print("device:", "GPU" if tf.config.list_logical_devices("GPU") else "CPU")
rng = np.random.default_rng(0)
x = rng.standard_normal((32, 4)).astype("float32")
y = rng.standard_normal((32, 1)).astype("float32")
w = tf.Variable(rng.standard_normal((4, 1)).astype("float32"))
opt = tf.keras.optimizers.SGD(learning_rate=0.1)
for step in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((x @ w - y) ** 2)
    opt.apply_gradients([(tape.gradient(loss, w), w)])
    print(f"step {step}: loss {float(loss):.6f}")
