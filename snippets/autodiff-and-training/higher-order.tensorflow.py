# title: Higher-order derivatives and a Hessian
import numpy as np
import tensorflow as tf

# f(x) = x^3 + 2x at x = 2: f' = 3x^2 + 2 = 14, f'' = 6x = 12, f''' = 6
x = tf.Variable(2.0)
with tf.GradientTape() as t3:
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            f = x**3 + 2.0 * x
        d1 = t1.gradient(f, x)  # computed inside t2, so t2 records it
    d2 = t2.gradient(d1, x)
d3 = t3.gradient(d2, x)
print(f"f'={d1.numpy():.8g} f''={d2.numpy():.8g} f'''={d3.numpy():.8g}")

# Hessian of g(v) = v0^2 * v1 + sin(v1) at v = (1, 2): Jacobian of the gradient.
v = tf.Variable([1.0, 2.0])
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        g = v[0] ** 2 * v[1] + tf.sin(v[1])
    grad = inner.gradient(g, v)
hessian = outer.jacobian(grad, v)
print("gradient:", np.round(grad.numpy().astype(float), 8).tolist())
print("hessian:", np.round(hessian.numpy().astype(float), 8).tolist())
