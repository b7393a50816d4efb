"""tf2onnx's Python API on a Keras 3 model, as many tutorials still show it."""

from sidebyside.tools.conversions.paths._common import keras_original, run_onnx, stage

ID = "tf2onnx-from-keras"
TITLE = "Keras 3 → ONNX (tf2onnx.convert.from_keras)"
HOW = "`tf2onnx.convert.from_keras(model)`"
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "tf2onnx", "onnx", "onnxruntime")


def run(family, workdir):
    import tensorflow as tf

    model, x, original = keras_original(family)
    path = workdir / "model.onnx"
    with stage("tf2onnx.convert.from_keras"):
        import tf2onnx

        spec = (tf.TensorSpec((None, *family.input_shape), tf.float32, name="x"),)
        tf2onnx.convert.from_keras(model, input_signature=spec, opset=17, output_path=str(path))
    return original, run_onnx(path, x)
