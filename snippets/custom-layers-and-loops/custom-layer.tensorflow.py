# title: A custom layer: weights, forward pass and a faithful copy, with the same numbers
import keras
import numpy as np


class ScaledTanh(keras.layers.Layer):
    """y = scale * tanh(x @ kernel + bias), written as a Keras layer."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units  # config only: no weights exist yet

    def build(self, input_shape):  # runs once, when the input size is known
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units), name="kernel"
        )
        self.bias = self.add_weight(
            shape=(self.units,), initializer="zeros", name="bias"
        )
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

    def call(self, x):
        return self.scale * keras.ops.tanh(x @ self.kernel + self.bias)

    def get_config(self):  # what is needed to rebuild the layer, without weights
        return {**super().get_config(), "units": self.units}


rng = np.random.RandomState(0)
kernel = rng.normal(size=(4, 3)).astype("float32")
bias = rng.normal(size=(3,)).astype("float32")
scale = np.float32(1.5)
x = rng.normal(size=(2, 4)).astype("float32")

layer = ScaledTanh(3)
layer.build((None, 4))
layer.set_weights([kernel, bias, scale])
y = keras.ops.convert_to_numpy(layer(x))
print("weights:", [(w.path.split("/")[-1], tuple(w.shape)) for w in layer.weights])
print("trainable numbers:", sum(int(np.prod(w.shape)) for w in layer.trainable_weights))
for row in y:
    print("output:", " ".join(f"{v:.8g}" for v in row))

# A copy: rebuild from the config, then copy the weights across.
copy = ScaledTanh.from_config(layer.get_config())
copy.build((None, 4))
copy.set_weights(layer.get_weights())
print(
    "copy gives the same output:",
    bool(np.array_equal(keras.ops.convert_to_numpy(copy(x)), y)),
)
