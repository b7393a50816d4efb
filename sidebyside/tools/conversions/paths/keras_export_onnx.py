"""Keras 3's own ONNX export, run with onnxruntime."""

from sidebyside.tools.conversions.paths._common import keras_export, keras_original, run_onnx

ID = "keras-export-onnx"
TITLE = "Keras 3 → ONNX"
HOW = '`model.export(path, format="onnx")`, run in onnxruntime'
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "tf2onnx", "onnx", "onnxruntime")


def run(family, workdir):
    model, original = keras_original(family)
    path = keras_export(model, workdir / "model.onnx", "onnx")
    return original, run_onnx(path, family.inputs()[0])
