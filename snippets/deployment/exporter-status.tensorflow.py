# title: Which exporters work with the pinned versions, and what the failures say
# differs: each framework has its own exporters, files and error messages
"""Try every common TensorFlow export route on one small Keras 3 model and report."""

import os
import subprocess
import sys

import numpy as np
import onnx
import tensorflow as tf
import tf2onnx

# --- setup: one small model with seeded weights ---
rng = np.random.RandomState(0)
model = tf.keras.Sequential(
    [
        tf.keras.Input((4,), name="features"),
        tf.keras.layers.Dense(8, activation="tanh"),
        tf.keras.layers.Dense(3),
    ]
)
model.set_weights(
    [rng.normal(size=w.shape).astype("float32") for w in model.get_weights()]
)
# --- end setup ---


def onnx_ops(path):
    return sorted({node.op_type for node in onnx.load(path).graph.node} - {"Identity"})


# 1. SavedModel: what the directory holds.
model.export("saved_model", format="tf_saved_model", verbose=False)
files = sorted(
    os.path.relpath(os.path.join(d, f), "saved_model")
    for d, _, fs in os.walk("saved_model")
    for f in fs
)
print("SavedModel files:", files)

# 2. tf2onnx straight from the Keras 3 model object. Whether it works depends on how the
# model
#    was built, not on input_signature: a Sequential model fails with or without one,
# the same
#    layers as a functional keras.Model convert with or without one.
functional = tf.keras.Model(model.inputs, model.outputs)
signature = (tf.TensorSpec((None, 4), tf.float32, name="features"),)
for label, keras_model in (("Sequential", model), ("functional", functional)):
    for how, spec in (("no input_signature", None), ("input_signature", signature)):
        try:
            tf2onnx.convert.from_keras(keras_model, input_signature=spec, opset=18)
            result = "works"
        except Exception as error:  # show whatever it raises
            result = f"FAILS with {type(error).__name__} {error}"
        print(f"tf2onnx.convert.from_keras, {label}, {how}: {result}")

# 3. tf2onnx on the exported SavedModel (its command line, as documented): works.
done = subprocess.run(
    [
        sys.executable,
        "-m",
        "tf2onnx.convert",
        "--saved-model",
        "saved_model",
        "--output",
        "from_saved_model.onnx",
        "--opset",
        "18",
    ],
    capture_output=True,
    text=True,
)
print(
    "tf2onnx --saved-model:",
    "works" if done.returncode == 0 else "FAILS",
    "| ops:",
    onnx_ops("from_saved_model.onnx"),
)

# 4. Keras' own ONNX export (uses tf2onnx internally, with a Keras 3 fix): works.
model.export("from_keras_export.onnx", format="onnx", opset_version=18, verbose=False)
print(
    'model.export(format="onnx"):', "works | ops:", onnx_ops("from_keras_export.onnx")
)

# 5. LiteRT flatbuffer.
model.export("model.tflite", format="litert", verbose=False)
print(
    'model.export(format="litert"):',
    "works |",
    "flatbuffer starts with",
    open("model.tflite", "rb").read()[4:8],
)
