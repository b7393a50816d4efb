"""Keras 3's own ONNX export, run with onnxruntime."""

from sidebyside.tools.conversions.paths._common import keras_export, keras_original, run_onnx

ID = "keras-export-onnx"
TITLE = "Keras 3 → ONNX"
HOW = '`model.export(path, format="onnx")`, run in onnxruntime'
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "tf2onnx", "onnx", "onnxruntime")


def run(family, workdir):
    model, x, original = keras_original(family)
    return original, run_onnx(keras_export(model, workdir / "model.onnx", "onnx"), x)
