# title: Training: model.fit versus an explicit loop, same data and start weights, same losses
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

# --- setup: the same digits data and starting weights in both halves ---
# Same data and the same initial weights in both halves (generated with NumPy).
digits = load_digits()
x = torch.tensor(
    digits.data[:1792] / 16.0, dtype=torch.float32
)  # 1792 = 28 full batches of 64
y = torch.tensor(digits.target[:1792], dtype=torch.int64)
rng = np.random.RandomState(0)
w1, b1 = rng.normal(0, 0.1, (64, 32)).astype("float32"), np.zeros(32, "float32")
w2, b2 = rng.normal(0, 0.1, (32, 10)).astype("float32"), np.zeros(10, "float32")
# --- end setup ---

model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
# --- setup: copy the shared weights in, transposed to (out, in) ---
with torch.no_grad():  # Linear weights are (out, in): transpose the Keras-layout arrays
    model[0].weight.copy_(torch.from_numpy(w1.T))
    model[0].bias.copy_(torch.from_numpy(b1))
    model[2].weight.copy_(torch.from_numpy(w2.T))
    model[2].bias.copy_(torch.from_numpy(b2))
# --- end setup ---

# The loop is yours: batching, gradients, the update and the metrics are written out.
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.CrossEntropyLoss()  # takes logits, like from_logits=True
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(x, y), batch_size=64, shuffle=False
)

for epoch in range(1, 4):
    model.train()
    total_loss, correct = 0.0, 0
    for xb, yb in loader:
        logits = model(xb)
        loss = loss_fn(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(xb)
        correct += (logits.argmax(dim=1) == yb).sum().item()
    print(
        f"epoch {epoch}: loss={total_loss / len(x):.8g} accuracy={correct / len(x):.8g}"
    )
