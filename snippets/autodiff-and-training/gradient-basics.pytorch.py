# title: First gradients: GradientTape versus backward() and torch.autograd.grad
import numpy as np
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
y = torch.tensor([[1.0], [2.0], [3.0]])
w = torch.tensor(
    [[0.1], [-0.2]], requires_grad=True
)  # tracked because requires_grad=True
b = torch.tensor([0.5], requires_grad=True)


def loss_fn(xb, yb):
    return ((xb @ w + b - yb) ** 2).mean()


# Every operation on tracked tensors is recorded; backward() fills in .grad.
loss = loss_fn(x, y)
loss.backward()
print(f"loss: {loss.item():.8g}")
print("dL/dw:", np.round(w.grad.numpy().ravel().astype(float), 8).tolist())
print("dL/db:", np.round(b.grad.numpy().astype(float), 8).tolist())

# Gradient with respect to a plain tensor (an input): ask for it, functional style.
x.requires_grad_(True)
(dx,) = torch.autograd.grad(loss_fn(x, y), x)  # returns gradients, leaves .grad alone
x.requires_grad_(False)
print("dL/dx row 0:", np.round(dx.numpy()[0].astype(float), 8).tolist())

# Gradient accumulation over two half-batches: .grad adds up until you zero it.
w.grad = None
b.grad = None
for rows in (slice(0, 2), slice(2, 3)):
    loss_fn(x[rows], y[rows]).backward()
print("accumulated dL/dw:", np.round(w.grad.numpy().ravel().astype(float), 8).tolist())
