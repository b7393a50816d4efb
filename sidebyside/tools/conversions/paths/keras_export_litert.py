"""Keras 3's own LiteRT (TFLite) export, run with the LiteRT interpreter."""

from sidebyside.tools.conversions.paths._common import keras_export, keras_original, run_litert

ID = "keras-export-litert"
TITLE = "Keras 3 → LiteRT"
HOW = '`model.export(path, format="litert")`, run in `ai_edge_litert`'
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "ai-edge-litert")


def run(family, workdir):
    model, original = keras_original(family)
    path = keras_export(model, workdir / "model.tflite", "litert")
    return original, run_litert(path, [family.inputs()[0]])
