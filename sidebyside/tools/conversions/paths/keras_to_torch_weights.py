"""Keras -> PyTorch by copying weights into a hand-written twin with this site's helper (port_weights.py)."""

from sidebyside.tools.conversions.paths._common import keras_original, stage, torch_outputs

ID = "keras-to-torch-weights"
TITLE = "Keras → PyTorch, weight copy"
HOW = "`port_weights.keras_to_torch` into a hand-written twin"
ENV = "test"
PACKAGES = ("keras", "tensorflow-cpu", "torch")


def run(family, workdir):
    from sidebyside.tools.conversions.port_weights import keras_to_torch

    model, _, original = keras_original(family)
    with stage("keras_to_torch"):
        module = keras_to_torch(model, family.torch())
    return original, torch_outputs(module, family.inputs()[1])
