# title: Save only the weights, load them into a freshly built model
"""Keras: save_weights() writes an HDF5 file of variables; the code builds the model."""

import numpy as np
import tensorflow as tf


def build():
    """The architecture lives in code; the file holds only numbers."""
    return tf.keras.Sequential(
        [
            tf.keras.Input((4,)),
            tf.keras.layers.Dense(8, activation="tanh"),
            tf.keras.layers.Dense(3),
        ]
    )


tf.keras.utils.set_random_seed(0)
x = np.random.RandomState(1).normal(size=(5, 4)).astype("float32")
model = build()
model.save_weights("model.weights.h5")  # Keras 3 requires the .weights.h5 suffix
expected = model(x).numpy()

fresh = build()  # different random initial weights...
print(
    "fresh model differs before loading:", not np.allclose(fresh(x).numpy(), expected)
)
fresh.load_weights("model.weights.h5")  # ...replaced by the saved ones
print("weight tensors restored:", len(fresh.weights))
print("outputs equal after loading:", bool(np.array_equal(fresh(x).numpy(), expected)))
