# title: Lazy weights: the input size is read from the first batch
import keras
import numpy as np

layer = keras.layers.Dense(3)  # no input size given
print("weights exist before the first call:", layer.built)

x = np.random.RandomState(0).normal(size=(2, 5)).astype("float32")
layer(x)  # build() runs here with the input shape (2, 5)
print("weights exist after the first call:", layer.built)
print("input size read from the batch:", layer.kernel.shape[0])
print("trainable numbers:", sum(int(np.prod(w.shape)) for w in layer.trainable_weights))

# A model whose every layer is lazy is built by a symbolic input instead of data.
model = keras.Sequential([keras.layers.Dense(8), keras.layers.Dense(3)])
model.build((None, 5))
print("model trainable numbers:", model.count_params())
