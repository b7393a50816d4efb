# title: Per-example gradients by vectorising a gradient function
import numpy as np
import torch
from torch.func import grad, vmap

rng = np.random.RandomState(0)
x = torch.from_numpy(rng.normal(size=(4, 3)).astype("float32"))
y = torch.from_numpy(rng.normal(size=(4,)).astype("float32"))
w = torch.from_numpy(rng.normal(size=(3,)).astype("float32"))


def example_loss(w, xi, yi):
    return (xi @ w - yi) ** 2


grads = vmap(grad(example_loss), in_dims=(None, 0, 0))(
    w, x, y
)  # torch.func: JAX-style transforms
print("shape:", tuple(grads.shape))
for g in grads:
    print("grad:", " ".join(f"{v:.8g}" for v in g.tolist()))
batch = grad(lambda w: torch.mean((x @ w - y) ** 2))(w)
print(
    "mean of per-example grads equals the batch grad: "
    f"{torch.allclose(grads.mean(0), batch)}"
)
