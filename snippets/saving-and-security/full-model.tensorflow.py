# title: Save the whole model (architecture + weights) and load it back
# differs: a .keras file is a zip of JSON config and HDF5 weights; torch.save of a module is a pickle that needs weights_only=False
# same: ^loaded type: (\w+)
# same: ^outputs equal:
"""Keras: model.save("x.keras") stores the architecture as JSON, not as pickled Python
objects.
"""

import json
import zipfile

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
x = np.random.RandomState(1).normal(size=(5, 4)).astype("float32")
model = tf.keras.Sequential(
    [
        tf.keras.Input((4,)),
        tf.keras.layers.Dense(8, activation="tanh"),
        tf.keras.layers.Dense(3),
    ]
)
model.compile(optimizer="adam", loss="mse")
model.save("model.keras")

archive = zipfile.ZipFile("model.keras")
print("archive members:", sorted(archive.namelist()))
config = json.loads(archive.read("config.json"))
print(
    "config.json says:",
    config["class_name"],
    "with layers",
    [layer["class_name"] for layer in config["config"]["layers"]],
)

loaded = tf.keras.models.load_model("model.keras")  # safe_mode=True by default
print(
    "loaded type:",
    type(loaded).__name__,
    "| optimizer restored:",
    type(loaded.optimizer).__name__,
)
print("outputs equal:", bool(np.array_equal(loaded(x).numpy(), model(x).numpy())))
