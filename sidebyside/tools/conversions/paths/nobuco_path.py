"""PyTorch -> Keras with nobuco, which traces the module and emits Keras layers."""

import numpy as np

from sidebyside.tools.conversions.paths._common import stage, torch_original

ID = "nobuco"
TITLE = "PyTorch → Keras (nobuco)"
HOW = "`nobuco.pytorch_to_keras(module, args=[x])`"
ENV = "test"
PACKAGES = ("nobuco", "torch", "keras", "tensorflow-cpu")


def run(family, workdir):
    import torch

    module, x, original = torch_original(family)
    with stage("import nobuco"):
        import nobuco
    with stage("nobuco.pytorch_to_keras"):
        model = nobuco.pytorch_to_keras(module, args=[torch.from_numpy(x)],
                                        inputs_channel_order=nobuco.ChannelOrder.PYTORCH,
                                        outputs_channel_order=nobuco.ChannelOrder.PYTORCH)
    with stage("converted model"):
        return original, np.asarray(model(x))
