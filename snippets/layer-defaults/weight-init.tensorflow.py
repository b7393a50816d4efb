# title: Default weight initialisers: Keras glorot_uniform with zero bias, PyTorch kaiming_uniform(a=sqrt(5)) with random bias
import math

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
fan_in, fan_out = 512, 256


def report(label, layer, limit):
    """Print what the layer's default initialisers drew; ``limit`` is the bound they
    should respect.
    """
    layer.build((None, fan_in))
    w, b = (v.numpy() for v in layer.weights)  # kernel (in, out), bias (out,)
    w_bound = np.abs(w).max()
    print(f"{label}:")
    spread = w.std() / w_bound
    print(
        f"  weight max |w| / bound {w_bound / limit:.2f}, std / max {spread:.2f} "
        "(uniform: 0.58)"
    )
    zero = bool(np.all(b == 0))
    in_range = bool(np.abs(b).max() <= 1 / math.sqrt(fan_in))
    print(f"  bias all zero: {zero}, all |b| <= 1/sqrt(fan_in): {in_range}")


print(
    f"glorot bound sqrt(6/(fan_in+fan_out)) = {math.sqrt(6 / (fan_in + fan_out)):.8g}"
)
print(f"kaiming(a=sqrt(5)) bound 1/sqrt(fan_in) = {1 / math.sqrt(fan_in):.8g}")
report(
    "Keras default", tf.keras.layers.Dense(fan_out), math.sqrt(6 / (fan_in + fan_out))
)
bound = 1 / math.sqrt(fan_in)
report(
    "PyTorch default",
    tf.keras.layers.Dense(
        fan_out,
        # kaiming_uniform(a=sqrt(5)) is a uniform fan-in variance scaling,
        # scale 1/3.
        kernel_initializer=tf.keras.initializers.VarianceScaling(
            1 / 3, mode="fan_in", distribution="uniform"
        ),
        bias_initializer=tf.keras.initializers.RandomUniform(-bound, bound),
    ),
    bound,
)
