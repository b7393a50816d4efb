# title: Export to ONNX and run it in onnxruntime: same numbers as the framework, within a named tolerance
"""Keras 3 model -> ONNX with model.export(format="onnx") -> onnxruntime."""

import numpy as np
import onnx
import onnxruntime as ort
import tensorflow as tf

# float32 kernels differ in summation order; this bounds the allowed difference
ATOL = 1e-5

# --- setup: a small model, its input and the same weights in both halves ---
rng = np.random.RandomState(0)
k1, b1 = (
    rng.normal(size=(4, 8)).astype("float32"),
    rng.normal(size=(8,)).astype("float32"),
)
k2, b2 = (
    rng.normal(size=(8, 3)).astype("float32"),
    rng.normal(size=(3,)).astype("float32"),
)
x = rng.normal(size=(5, 4)).astype("float32")

model = tf.keras.Sequential(
    [
        tf.keras.Input((4,), name="features"),
        tf.keras.layers.Dense(8, activation="tanh"),
        tf.keras.layers.Dense(3),
    ]
)
model.set_weights([k1, b1, k2, b2])
expected = model(x).numpy()
# --- end setup ---

model.export(
    "model.onnx", format="onnx", opset_version=18, verbose=False
)  # Keras drives tf2onnx for the TF backend
graph = onnx.load("model.onnx")
onnx.checker.check_model(graph)
print(
    "valid ONNX model, opset",
    next(o.version for o in graph.opset_import if o.domain in ("", "ai.onnx")),
)

session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
feed = session.get_inputs()[0]
print("batch dimension dynamic:", not isinstance(feed.shape[0], int))
out = session.run(None, {feed.name: x})[0]
print("onnxruntime row 0:", [round(float(v), 8) for v in out[0]])
print(
    f"matches the framework within ATOL={ATOL}:",
    bool(np.allclose(out, expected, rtol=0, atol=ATOL)),
)
