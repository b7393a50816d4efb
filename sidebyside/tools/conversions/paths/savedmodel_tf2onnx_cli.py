"""A SavedModel exported from Keras 3, converted by the tf2onnx command line."""

from sidebyside.tools.conversions.paths._common import keras_export, keras_original, run_cli, run_onnx

ID = "savedmodel-tf2onnx-cli"
TITLE = "SavedModel → ONNX (tf2onnx CLI)"
HOW = "`model.export(dir)` then `python -m tf2onnx.convert --saved-model dir`"
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "tf2onnx", "onnx", "onnxruntime")


def run(family, workdir):
    model, x, original = keras_original(family)
    saved = keras_export(model, workdir / "saved_model", "tf_saved_model")
    path = workdir / "model.onnx"
    run_cli("tf2onnx.convert", ["-m", "tf2onnx.convert", "--saved-model", str(saved), "--output", str(path), "--opset", "17"])
    return original, run_onnx(path, x)
