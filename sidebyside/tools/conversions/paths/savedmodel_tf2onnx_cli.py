"""A SavedModel exported from Keras 3, converted by the tf2onnx command line."""

from sidebyside.tools.conversions.paths._common import keras_original, run_cli, run_onnx, stage

ID = "savedmodel-tf2onnx-cli"
TITLE = "SavedModel → ONNX (tf2onnx CLI)"
HOW = "`model.export(dir)` then `python -m tf2onnx.convert --saved-model dir`"
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "tf2onnx", "onnx", "onnxruntime")


def run(family, workdir):
    model, original = keras_original(family)
    saved = workdir / "saved_model"
    with stage('export(format="tf_saved_model")'):
        model.export(str(saved), format="tf_saved_model", verbose=False)
    path = workdir / "model.onnx"
    run_cli("tf2onnx.convert", ["-m", "tf2onnx.convert", "--saved-model", str(saved), "--output", str(path), "--opset", "17"])
    with stage("onnxruntime"):
        return original, run_onnx(path, family.inputs()[0])
