# title: Lazy weights: the input size is read from the first batch
import torch
from torch import nn
from torch.nn.parameter import UninitializedParameter


def materialised(module):
    """True once no parameter is a placeholder waiting for the input shape."""
    return not any(isinstance(p, UninitializedParameter) for p in module.parameters())


layer = nn.LazyLinear(3)  # no input size given
print("weights exist before the first call:", materialised(layer))

x = torch.randn(2, 5)
layer(x)  # the parameters are materialised here, from the input shape (2, 5)
print("weights exist after the first call:", materialised(layer))
print("input size read from the batch:", layer.weight.shape[1])
print("trainable numbers:", sum(p.numel() for p in layer.parameters()))

# A model whose every layer is lazy is materialised by a dry run on a dummy batch.
model = nn.Sequential(nn.LazyLinear(8), nn.LazyLinear(3))
model(torch.zeros(1, 5))
print("model trainable numbers:", sum(p.numel() for p in model.parameters()))
