# title: One training step (SGD with momentum), written in the framework itself (no Keras model)
import numpy as np
import torch

rng = np.random.RandomState(0)
x = torch.from_numpy(rng.normal(size=(8, 3)).astype("float32"))
y = torch.from_numpy(rng.normal(size=(8, 1)).astype("float32"))
w = torch.tensor(
    rng.normal(size=(3, 1)).astype("float32"), requires_grad=True
)  # state lives in tensors
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([w, b], lr=0.05, momentum=0.9)


def train_step(x, y):
    loss = torch.mean((x @ w + b - y) ** 2)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()  # updates w and b in place
    return loss


for step in range(1, 4):
    loss = train_step(x, y)
    print(f"step {step}: loss {loss.item():.8g}")
print(
    "w:",
    " ".join(f"{v:.8g}" for v in w.detach().numpy().ravel()),
    " b:",
    f"{b.item():.8g}",
)
