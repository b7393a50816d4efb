# title: Checking a hand-written gradient against finite differences: tf.test.compute_gradient and torch.autograd.gradcheck
import numpy as np
import tensorflow as tf


def make_cube(grad_factor):
    """x**3 with a hand-written gradient; the right factor is 3."""

    @tf.custom_gradient
    def cube(x):
        def grad(dy):
            return dy * grad_factor * x**2

        return x**3, grad

    return cube


def gradcheck(fn, x):
    """Pass when the analytic Jacobian matches finite differences.

    Uses torch.autograd.gradcheck's default tolerances."""
    analytic, numeric = tf.test.compute_gradient(fn, [x])
    return analytic[0], bool(np.allclose(analytic[0], numeric[0], rtol=1e-3, atol=1e-5))


# float64: finite differences need it
x = tf.constant([0.5, -1.0, 2.0], dtype=tf.float64)
for label, factor in (("correct gradient 3*x**2", 3.0), ("buggy gradient 2*x**2", 2.0)):
    jacobian, ok = gradcheck(make_cube(factor), x)
    diagonal = np.round(np.diag(jacobian), 8).tolist()
    print(f"{label}: analytic diagonal {diagonal}, check passes: {ok}")
