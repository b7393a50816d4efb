"""Keras 3's own ONNX export, run with onnxruntime."""

from sidebyside.tools.conversions.paths._common import keras_original, run_onnx, stage

ID = "keras-export-onnx"
TITLE = "Keras 3 → ONNX"
HOW = '`model.export(path, format="onnx")`, run in onnxruntime'
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "tf2onnx", "onnx", "onnxruntime")


def run(family, workdir):
    model, original = keras_original(family)
    path = workdir / "model.onnx"
    with stage('export(format="onnx")'):
        model.export(str(path), format="onnx", verbose=False)
    with stage("onnxruntime"):
        return original, run_onnx(path, family.inputs()[0])
