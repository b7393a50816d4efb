# title: Three Adam training steps from the same weights: same losses, same updated weights
# tolerance: 2e-5 (Keras adds epsilon before bias correction, PyTorch after; the page explains it)
import numpy as np
import torch
from torch import nn

# --- setup: weights and data from NumPy, the same in both halves ---
# Weights and data come from NumPy, so both frameworks start from identical numbers.
rng = np.random.RandomState(42)
w1, b1 = (
    rng.normal(0, 0.5, (4, 3)).astype("float32"),
    rng.normal(0, 0.1, 3).astype("float32"),
)
w2, b2 = (
    rng.normal(0, 0.5, (3, 2)).astype("float32"),
    rng.normal(0, 0.1, 2).astype("float32"),
)
x = torch.from_numpy(rng.normal(size=(5, 4)).astype("float32"))
y = torch.from_numpy(rng.normal(size=(5, 2)).astype("float32"))
# --- end setup ---

model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2))
# --- setup: copy the shared weights in, transposed to (out, in) ---
with torch.no_grad():  # nn.Linear weight is (out, in): transpose the (in, out) arrays
    model[0].weight.copy_(torch.from_numpy(w1.T))
    model[0].bias.copy_(torch.from_numpy(b1))
    model[2].weight.copy_(torch.from_numpy(w2.T))
    model[2].bias.copy_(torch.from_numpy(b2))
# --- end setup ---

# PyTorch's Adam eps defaults to 1e-8 and Keras' epsilon to 1e-7: set it explicitly.
optimizer = torch.optim.Adam(model.parameters(), lr=0.01, eps=1e-8)
loss_fn = nn.MSELoss()


def train_step(inputs, targets):
    optimizer.zero_grad()
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    optimizer.step()
    return loss


model.train()
for step in range(1, 4):
    loss = train_step(x, y)
    print(f"step {step}: loss={loss.item():.8g}")

weight1, bias1, weight2, bias2 = (
    p.detach().numpy().astype(float) for p in model.parameters()
)
print("layer 1 weights (in, out), row 0:", np.round(weight1.T[0], 8).tolist())
print("layer 1 bias:", np.round(bias1, 8).tolist())
print("layer 2 weights (in, out):", np.round(weight2.T, 8).tolist())
print("layer 2 bias:", np.round(bias2, 8).tolist())
