"""Keras 3's own LiteRT (TFLite) export, run with the LiteRT interpreter."""

from sidebyside.tools.conversions.paths._common import keras_export, keras_original, run_litert

ID = "keras-export-litert"
TITLE = "Keras 3 → LiteRT"
HOW = '`model.export(path, format="litert")`, run in `ai_edge_litert`'
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "ai-edge-litert")


def run(family, workdir):
    model, x, original = keras_original(family)
    return original, run_litert(keras_export(model, workdir / "model.tflite", "litert"), [x])
