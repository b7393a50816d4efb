"""PyTorch -> Keras 3 by copying weights into a hand-written twin with this site's helper (port_weights.py)."""

from sidebyside.tools.conversions.paths._common import keras_outputs, stage, torch_original

ID = "torch-to-keras-weights"
TITLE = "PyTorch → Keras 3, weight copy"
HOW = "`port_weights.torch_to_keras` into a hand-written twin"
ENV = "test"
PACKAGES = ("torch", "keras", "tensorflow-cpu")


def run(family, workdir):
    from sidebyside.tools.conversions.port_weights import torch_to_keras

    module, _, original = torch_original(family)
    with stage("torch_to_keras"):
        model = torch_to_keras(module, family.keras())
    return original, keras_outputs(model, family.inputs()[0])
