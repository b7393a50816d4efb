# title: First gradients: GradientTape versus backward() and torch.autograd.grad
import numpy as np
import tensorflow as tf

x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
y = tf.constant([[1.0], [2.0], [3.0]])
w = tf.Variable([[0.1], [-0.2]])  # trainable Variables are watched automatically
b = tf.Variable([0.5])


def loss_fn(xb, yb):
    return tf.reduce_mean((xb @ w + b - yb) ** 2)


# The tape records the operations run inside the block, then differentiates them.
with tf.GradientTape() as tape:
    loss = loss_fn(x, y)
dw, db = tape.gradient(loss, [w, b])
print(f"loss: {loss.numpy():.8g}")
print("dL/dw:", np.round(dw.numpy().ravel().astype(float), 8).tolist())
print("dL/db:", np.round(db.numpy().astype(float), 8).tolist())

# Gradient with respect to a plain tensor (an input, not a Variable): watch it.
with tf.GradientTape() as tape:
    tape.watch(x)
    loss = loss_fn(x, y)
print(
    "dL/dx row 0:",
    np.round(tape.gradient(loss, x).numpy()[0].astype(float), 8).tolist(),
)

# Gradient accumulation over two half-batches: add the gradients yourself.
total = [tf.zeros_like(w), tf.zeros_like(b)]
for rows in (slice(0, 2), slice(2, 3)):
    with tf.GradientTape() as tape:
        part = loss_fn(x[rows], y[rows])
    total = [t + g for t, g in zip(total, tape.gradient(part, [w, b]))]
print(
    "accumulated dL/dw:", np.round(total[0].numpy().ravel().astype(float), 8).tolist()
)
