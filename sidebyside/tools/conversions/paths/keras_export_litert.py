"""Keras 3's own LiteRT (TFLite) export, run with the LiteRT interpreter."""

from sidebyside.tools.conversions.paths._common import keras_original, run_litert, stage

ID = "keras-export-litert"
TITLE = "Keras 3 → LiteRT"
HOW = '`model.export(path, format="litert")`, run in `ai_edge_litert`'
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "ai-edge-litert")


def run(family, workdir):
    model, original = keras_original(family)
    path = workdir / "model.tflite"
    with stage('export(format="litert")'):
        model.export(str(path), format="litert", verbose=False)
    with stage("LiteRT interpreter"):
        return original, run_litert(path, [family.inputs()[0]])
