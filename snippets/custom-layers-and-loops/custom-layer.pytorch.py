# title: A custom layer: weights, forward pass and a faithful copy, with the same numbers
import numpy as np
import torch
from torch import nn


class ScaledTanh(nn.Module):
    """y = scale * tanh(x @ kernel + bias), written as a PyTorch module."""

    def __init__(self, in_features, units):
        super().__init__()  # the input size is needed here: weights exist at once
        self.kernel = nn.Parameter(torch.empty(in_features, units))
        self.bias = nn.Parameter(torch.zeros(units))
        self.scale = nn.Parameter(torch.ones(()))
        nn.init.xavier_uniform_(self.kernel)

    def forward(self, x):
        return self.scale * torch.tanh(x @ self.kernel + self.bias)


rng = np.random.RandomState(0)
kernel = rng.normal(size=(4, 3)).astype("float32")
bias = rng.normal(size=(3,)).astype("float32")
scale = np.float32(1.5)
x = torch.from_numpy(rng.normal(size=(2, 4)).astype("float32"))

layer = ScaledTanh(4, 3)
layer.load_state_dict(
    {
        "kernel": torch.from_numpy(kernel),
        "bias": torch.from_numpy(bias),
        "scale": torch.tensor(scale),
    }
)
with torch.no_grad():
    y = layer(x)
print("weights:", [(name, tuple(p.shape)) for name, p in layer.named_parameters()])
print(
    "trainable numbers:", sum(p.numel() for p in layer.parameters() if p.requires_grad)
)
for row in y:
    print("output:", " ".join(f"{v:.8g}" for v in row.tolist()))

# A copy: call the constructor again, then load the state_dict (tensors only, no
# config).
copy = ScaledTanh(4, 3)
copy.load_state_dict(layer.state_dict())
with torch.no_grad():
    print("copy gives the same output:", torch.equal(copy(x), y))
