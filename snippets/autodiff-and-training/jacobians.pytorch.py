# title: Jacobians, full and per example: tape.jacobian versus torch.func
import numpy as np
import torch
from torch.func import jacrev, vmap

rng = np.random.RandomState(0)
w = torch.tensor(rng.normal(size=(3, 2)).astype("float32"))
x = torch.tensor(rng.normal(size=(4, 3)).astype("float32"))  # a batch of 4 examples


def f(inputs):
    return torch.tanh(inputs @ w)


full = jacrev(f)(x)  # every output against every input: (4, 2, 4, 3)
per_example = vmap(jacrev(f))(x)  # map over the batch, one example at a time: (4, 2, 3)

print("full jacobian shape:", tuple(full.shape))
print("per-example jacobian shape:", tuple(per_example.shape))
print("example 0:", np.round(per_example[0].numpy().astype(float), 8).tolist())
print("cross-example block is zero:", bool((full[0, :, 1, :] == 0).all()))
