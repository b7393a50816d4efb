# title: A custom op: keras.ops runs on every backend, a native op only on its own
import os

os.environ["KERAS_BACKEND"] = "jax"

import keras
import numpy as np
import jax


class PortableSoftplus(keras.layers.Layer):
    """Written with keras.ops: the same file runs on TensorFlow, PyTorch and JAX."""

    def call(self, x):
        return keras.ops.softplus(x)


class NativeSoftplus(keras.layers.Layer):
    """Calls the backend's own op: fine here, an error on any other backend."""

    def call(self, x):
        return jax.nn.softplus(x)


x = np.linspace(-3, 3, 5).astype("float32")
portable = keras.ops.convert_to_numpy(PortableSoftplus()(x))
native = keras.ops.convert_to_numpy(NativeSoftplus()(keras.ops.convert_to_tensor(x)))
print("keras.ops:", " ".join(f"{v:.8g}" for v in portable))
print("native:   ", " ".join(f"{v:.8g}" for v in native))
print("same values:", bool(np.allclose(portable, native, rtol=0, atol=1e-6)))
