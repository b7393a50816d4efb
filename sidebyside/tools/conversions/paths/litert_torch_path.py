"""PyTorch -> LiteRT with litert-torch (formerly ai-edge-torch)."""

import numpy as np

from sidebyside.tools.conversions.paths._common import stage, torch_original

ID = "litert-torch"
TITLE = "PyTorch → LiteRT (litert-torch)"
HOW = "`litert_torch.convert(module, (x,))`, run through its LiteRT interpreter"
ENV = "convert"
WHY_SEPARATE = (
    'litert-torch 0.10.0 pulls xdsl, which requires typing-extensions<4.13, and downgrades pydantic and '
    "anyio below the test environment's pins; pip cannot resolve it against requirements/constraints.txt."
)
PACKAGES = ("litert-torch", "torch", "ai-edge-litert")


def run(family, workdir):
    import torch

    module, x_np, original = torch_original(family)
    x = torch.from_numpy(x_np)
    with stage("litert_torch.convert"):
        import litert_torch

        edge = litert_torch.convert(module, (x,))
    with stage("converted model"):
        return original, np.asarray(edge(x))
