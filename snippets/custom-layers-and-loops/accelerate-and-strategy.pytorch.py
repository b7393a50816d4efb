# title: One loop for any device count: a tf.distribute strategy and Hugging Face Accelerate
# --- setup: imports, the digits data and the model with shared starting weights ---
import numpy as np
import torch
from accelerate import Accelerator
from sklearn.datasets import load_digits
from torch import nn

digits = load_digits()
x = torch.tensor(
    digits.data[:1792] / 16.0, dtype=torch.float32
)  # 28 full batches of 64
y = torch.tensor(digits.target[:1792], dtype=torch.int64)


def fresh_model():
    rng = np.random.RandomState(0)
    w1, w2 = (
        rng.normal(0, 0.1, (64, 32)).astype("float32"),
        rng.normal(0, 0.1, (32, 10)).astype("float32"),
    )
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    model.load_state_dict(
        {
            "0.weight": torch.from_numpy(w1.T.copy()),
            "0.bias": torch.zeros(32),
            "2.weight": torch.from_numpy(w2.T.copy()),
            "2.bias": torch.zeros(10),
        }
    )
    return model
# --- end setup ---


def train(accelerator=None):
    """The same loop body; Accelerate only wraps the objects and the backward call."""
    model = fresh_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(x, y), batch_size=64, shuffle=False
    )
    if (
        accelerator
    ):  # moves to the device, wraps for DDP/FSDP when launched on several processes
        model, optimizer, loader = accelerator.prepare(model, optimizer, loader)
    loss_fn = nn.CrossEntropyLoss()
    epochs = []
    for _ in range(3):
        losses = []
        for xb, yb in loader:
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            if accelerator:
                accelerator.backward(loss)
            else:
                loss.backward()
            optimizer.step()
            losses.append(loss.item())
        epochs.append(float(np.mean(losses)))
    return epochs


plain = train()
accelerator = Accelerator(cpu=True)
prepared = train(accelerator)
print("replicas:", accelerator.num_processes)
for epoch, (a, b) in enumerate(zip(plain, prepared), start=1):
    print(f"epoch {epoch}: plain loop {a:.8g}, prepared loop {b:.8g}")
print(
    "largest difference below 1e-6:",
    bool(np.max(np.abs(np.subtract(plain, prepared))) < 1e-6),
)
