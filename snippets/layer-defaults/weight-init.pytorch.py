# title: Default weight initialisers: Keras glorot_uniform with zero bias, PyTorch kaiming_uniform(a=sqrt(5)) with random bias
import math

import numpy as np
import torch

torch.manual_seed(0)
fan_in, fan_out = 512, 256


def report(label, layer, limit):
    """Print what the layer's default initialisers drew; ``limit`` is the bound they
    should respect.
    """
    # weight (out, in), bias (out,)
    w, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    w_bound = np.abs(w).max()
    print(f"{label}:")
    spread = w.std() / w_bound
    print(
        f"  weight max |w| / bound {w_bound / limit:.2f}, std / max {spread:.2f} "
        "(uniform: 0.58)"
    )
    zero = bool(np.all(b == 0))
    in_range = bool(np.abs(b).max() <= 1 / math.sqrt(fan_in))
    print(f"  bias all zero: {zero}, all |b| <= 1/sqrt(fan_in): {in_range}")


print(
    f"glorot bound sqrt(6/(fan_in+fan_out)) = {math.sqrt(6 / (fan_in + fan_out)):.8g}"
)
print(f"kaiming(a=sqrt(5)) bound 1/sqrt(fan_in) = {1 / math.sqrt(fan_in):.8g}")
keras_like = torch.nn.Linear(fan_in, fan_out)
torch.nn.init.xavier_uniform_(keras_like.weight)  # Keras's glorot_uniform
torch.nn.init.zeros_(keras_like.bias)
report("Keras default", keras_like, math.sqrt(6 / (fan_in + fan_out)))
report("PyTorch default", torch.nn.Linear(fan_in, fan_out), 1 / math.sqrt(fan_in))
