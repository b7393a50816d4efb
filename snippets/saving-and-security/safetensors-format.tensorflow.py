# title: safetensors: a weights file that cannot carry code, readable from any framework
"""safetensors.tensorflow: a JSON header plus raw little-endian bytes; loading never
executes code.
"""

import json
import struct

import numpy as np
import tensorflow as tf
from safetensors.numpy import load_file as load_numpy
from safetensors.tensorflow import load_file, save_file

tf.keras.utils.set_random_seed(0)
x = np.random.RandomState(1).normal(size=(5, 4)).astype("float32")


def build():
    return tf.keras.Sequential(
        name="mlp",
        layers=[
            tf.keras.Input((4,)),
            tf.keras.layers.Dense(8, activation="tanh", name="hidden"),
            tf.keras.layers.Dense(3, name="output"),
        ],
    )  # fixed names give stable tensor names (mlp/hidden/kernel, ...)


model = build()
tensors = {w.path: tf.convert_to_tensor(w) for w in model.weights}  # name -> tensor
save_file(tensors, "model.safetensors", metadata={"format": "tf"})

with open("model.safetensors", "rb") as f:
    header_size = struct.unpack("<Q", f.read(8))[
        0
    ]  # 8-byte length, then the JSON header
    header = json.loads(f.read(header_size))
entries = {k: v for k, v in header.items() if k != "__metadata__"}
print(
    "header entries:",
    len(entries),
    "| dtypes:",
    sorted({v["dtype"] for v in entries.values()}),
)
print("values stored:", sum(int(np.prod(v["shape"])) for v in entries.values()))

fresh = build()
loaded = load_file("model.safetensors")
for w in fresh.weights:
    w.assign(loaded[w.path])
print(
    "outputs equal after loading:",
    bool(np.array_equal(fresh(x).numpy(), model(x).numpy())),
)
print(
    "readable with numpy alone (safetensors.numpy):",
    len(load_numpy("model.safetensors")),
    "arrays",
)
