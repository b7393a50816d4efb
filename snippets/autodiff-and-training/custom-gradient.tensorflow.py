# title: Custom gradients: tf.custom_gradient versus torch.autograd.Function
import numpy as np
import tensorflow as tf


@tf.custom_gradient
def round_straight_through(x):
    """Round in the forward pass; pretend it was the identity in the backward pass."""

    def grad(upstream):
        # Rounding has zero gradient almost everywhere; pass it through instead.
        return upstream

    return tf.round(x), grad


def reverse_gradient(scale):
    """Identity forward, gradient times -scale backward (domain adaptation)."""

    @tf.custom_gradient
    def reverse(x):
        def grad(upstream):
            return -scale * upstream

        return tf.identity(x), grad

    return reverse


x = tf.Variable([0.2, 1.7, -2.6])
with tf.GradientTape(persistent=True) as tape:
    rounded = round_straight_through(x)
    loss_round = tf.reduce_sum(rounded**2)
    reversed_x = reverse_gradient(0.5)(x)
    loss_reverse = tf.reduce_sum(reversed_x**2)

print("rounded:", rounded.numpy().astype(float).tolist())
print(
    "straight-through gradient:",
    np.round(tape.gradient(loss_round, x).numpy().astype(float), 8).tolist(),
)
print("reversed forward value:", np.round(reversed_x.numpy().astype(float), 8).tolist())
print(
    "reversed gradient:",
    np.round(tape.gradient(loss_reverse, x).numpy().astype(float), 8).tolist(),
)
del tape
