# title: Per-example gradients by vectorising a gradient function
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
x = rng.normal(size=(4, 3)).astype("float32")
y = rng.normal(size=(4,)).astype("float32")
w = tf.constant(rng.normal(size=(3,)).astype("float32"))


def example_grad(example):
    xi, yi = example
    with tf.GradientTape() as tape:
        tape.watch(w)
        loss = (tf.tensordot(xi, w, 1) - yi) ** 2
    return tape.gradient(loss, w)


grads = tf.vectorized_map(
    example_grad, (x, y)
)  # one gradient per example, no Python loop
print("shape:", tuple(grads.shape))
for g in grads.numpy():
    print("grad:", " ".join(f"{v:.8g}" for v in g))
with tf.GradientTape() as tape:
    tape.watch(w)
    batch_loss = tf.reduce_mean((tf.linalg.matvec(x, w) - y) ** 2)
batch = tape.gradient(batch_loss, w)
print(
    "mean of per-example grads equals the batch grad: "
    f"{bool(np.allclose(tf.reduce_mean(grads, 0), batch))}"
)
