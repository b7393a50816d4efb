# title: Jacobians, full and per example: tape.jacobian versus torch.func
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
w = tf.constant(rng.normal(size=(3, 2)).astype("float32"))
x = tf.constant(rng.normal(size=(4, 3)).astype("float32"))  # a batch of 4 examples

with tf.GradientTape(persistent=True) as tape:  # persistent: the tape answers twice
    tape.watch(x)
    y = tf.tanh(x @ w)  # (4, 2)
full = tape.jacobian(y, x)  # every output against every input: (4, 2, 4, 3)
per_example = tape.batch_jacobian(y, x)  # examples are independent: (4, 2, 3)
del tape

print("full jacobian shape:", tuple(full.shape))
print("per-example jacobian shape:", tuple(per_example.shape))
print("example 0:", np.round(per_example[0].numpy().astype(float), 8).tolist())
print("cross-example block is zero:", bool(tf.reduce_all(full[0, :, 1, :] == 0)))
