# title: GELU: exact by default everywhere except keras.ops.gelu, which defaults to the tanh approximation
# differs: each half names its own framework's GELU functions
# same: ^x =
# same: ^exact \(erf\)
# same: ^tanh approximation
# same: ^largest \|exact - tanh\|
# tolerance: 1e-5 (TensorFlow's float64 GELU is about 1e-9 off the erf formula)
import keras
import numpy as np
import tensorflow as tf

x = np.array([-3.0, -1.0, -0.5, 0.5, 1.0, 3.0])
exact = keras.activations.gelu(x, approximate=False).numpy()
tanh = keras.activations.gelu(x, approximate=True).numpy()
print(f"x = {x.tolist()}")
print(f"exact (erf):        {np.round(exact, 8).tolist()}")
print(f"tanh approximation: {np.round(tanh, 8).tolist()}")
grid = np.linspace(-6.0, 6.0, 12001)
gap = np.abs(np.asarray(keras.ops.gelu(grid, False) - keras.ops.gelu(grid, True)))
print(
    f"largest |exact - tanh| on [-6, 6]: {gap.max():.8g} at |x| = "
    f"{abs(grid[gap.argmax()]):.3g}"
)


def which(label, y):
    y = np.asarray(y)
    name = "exact" if np.allclose(y, exact, 0, 1e-12) else "tanh"
    print(f"{label:42s} -> {name}")


dense = keras.layers.Dense(1, activation="gelu", use_bias=False, dtype="float64")
dense.build((None, 1))
dense.set_weights([np.ones((1, 1))])
which("tf.nn.gelu(x)", tf.nn.gelu(x))
which("keras.activations.gelu(x)", keras.activations.gelu(x))
which('keras.layers.Dense(activation="gelu")', dense(x[:, None])[:, 0])
which("keras.ops.gelu(x)", keras.ops.gelu(x))
which("keras.ops.gelu(x, approximate=False)", keras.ops.gelu(x, approximate=False))
