# title: Your own training step: Keras train_step inside fit, and a plain PyTorch loop
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

# --- setup: the digits data and the model with shared starting weights ---
digits = load_digits()
x = torch.tensor(
    digits.data[:1792] / 16.0, dtype=torch.float32
)  # 28 full batches of 64
y = torch.tensor(digits.target[:1792], dtype=torch.int64)
rng = np.random.RandomState(0)
w1, b1 = rng.normal(0, 0.1, (64, 32)).astype("float32"), np.zeros(32, "float32")
w2, b2 = rng.normal(0, 0.1, (32, 10)).astype("float32"), np.zeros(10, "float32")

model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
model.load_state_dict(
    {
        "0.weight": torch.from_numpy(w1.T.copy()),
        "0.bias": torch.from_numpy(b1),
        "2.weight": torch.from_numpy(w2.T.copy()),
        "2.bias": torch.from_numpy(b2),
    }
)
# --- end setup ---
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.CrossEntropyLoss()
CLIP = 0.25  # per-tensor gradient norm limit; it is hit in this run

for epoch in range(1, 4):  # the whole loop is ours: epochs, batches, step, bookkeeping
    losses = []
    for start in range(0, len(x), 64):
        xb, yb = x[start : start + 64], y[start : start + 64]
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        for p in model.parameters():  # per-tensor clipping, as tf.clip_by_norm does it
            p.grad.mul_(CLIP / torch.clamp(p.grad.norm(), min=CLIP))
        optimizer.step()
        losses.append(loss.item())
    print(f"epoch {epoch}: mean loss {np.mean(losses):.8g}")
