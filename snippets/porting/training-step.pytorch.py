# title: Check one training step of a port: augmentation and dropout off, batch-norm statistics held, a float64 reference for noise
# differs: a gradient that is zero in exact arithmetic is float32 noise, different in each framework; the float64 lines show it
# same: ^(loss|fc1 kernel grad|fc2 kernel grad|bn gamma grad|fc2 kernel after|moving mean held)
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
w1, b1 = rng.normal(0, 0.5, (6, 8)), rng.normal(0, 0.1, 8)  # Keras layout (in, out)
w2, b2 = rng.normal(0, 0.5, (8, 3)), np.zeros(3)
x, y = rng.normal(size=(16, 6)), rng.integers(0, 3, 16)


def build(dtype):
    # augmentation lives in the data pipeline here: feed the same batch to both
    # frameworks, un-augmented
    model = nn.Sequential()
    model.add_module("fc1", nn.Linear(6, 8))
    model.add_module("bn", nn.BatchNorm1d(8, eps=1e-3))  # Keras' epsilon
    model.add_module("relu", nn.ReLU())
    model.add_module("drop", nn.Dropout(0.5))
    model.add_module("fc2", nn.Linear(8, 3))
    model.to(dtype)
    with torch.no_grad():
        for layer, w, b in ((model.fc1, w1, b1), (model.fc2, w2, b2)):
            layer.weight.copy_(torch.from_numpy(w.T))
            layer.bias.copy_(torch.from_numpy(b))
    # the method: train() must not switch on randomness or move the statistics
    model.drop.p = 0.0  # dropout off
    model.bn.momentum = (
        0.0  # running = (1 - momentum) * running + momentum * batch: held
    )
    return model.train()


def step(dtype):
    model = build(dtype)
    loss = nn.functional.cross_entropy(
        model(torch.from_numpy(x).to(dtype)), torch.from_numpy(y)
    )
    loss.backward()
    grads = {name: p.grad.numpy().copy() for name, p in model.named_parameters()}
    torch.optim.Adam(model.parameters(), 0.01, eps=1e-10).step()
    return model, loss.item(), grads


def first(a, n=4):
    return " ".join(f"{v:.8g}" for v in np.ravel(a)[:n])


model, loss, grads = step(torch.float32)
reference, _, grads64 = step(torch.float64)
print(f"loss {loss:.8g}")
print(
    f"fc1 kernel grad {first(grads['fc1.weight'].T)}"
)  # (out, in) -> Keras' (in, out)
print(f"fc2 kernel grad {first(grads['fc2.weight'].T)}")
print(f"bn gamma grad {first(grads['bn.weight'])}")
print(f"fc2 kernel after the step {first(model.fc2.weight.detach().numpy().T)}")
print(f"moving mean held: {bool(torch.all(model.bn.running_mean == 0))}")
# batch norm subtracts the batch mean, so fc1's bias has no effect: its exact gradient
# is zero. Its size is noise that differs by framework and CPU: print bounds only.
grad32, grad64 = np.abs(grads["fc1.bias"]).max(), np.abs(grads64["fc1.bias"]).max()
print(f"fc1 bias grad, largest: float32 under 1e-6: {grad32 < 1e-6}, "
      f"float64 under 1e-12: {grad64 < 1e-12}")
moved32 = np.abs(model.fc1.bias.detach().numpy() - b1).max()
moved64 = np.abs(reference.fc1.bias.detach().numpy() - b1).max()
print(f"fc1 bias moved by Adam over half the learning rate (0.01) in float32: "
      f"{moved32 > 0.005}, under 1e-6 in float64: {moved64 < 1e-6}")
