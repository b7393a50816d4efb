# title: A framework runs the loop: Keras fit and PyTorch Lightning give the plain loop's losses
# --- setup: imports, the digits data and the model with shared starting weights ---
import logging

import lightning as L
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

logging.getLogger("lightning").setLevel(logging.ERROR)  # no banner about GPUs and TPUs
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


loss_fn = nn.CrossEntropyLoss()

# 1. The plain loop, written out.
model = fresh_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
plain = []
for epoch in range(3):
    losses = []
    for start in range(0, len(x), 64):
        loss = loss_fn(model(x[start : start + 64]), y[start : start + 64])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    plain.append(np.mean(losses))


# 2. The same training, with the loop run by Lightning.
class Classifier(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = fresh_model()
        self.epoch_losses, self.batch_losses = [], []

    def training_step(self, batch, batch_idx):
        xb, yb = batch
        loss = loss_fn(self.net(xb), yb)
        self.batch_losses.append(loss.item())
        return loss  # Lightning calls backward, step and zero_grad

    def on_train_epoch_end(self):
        self.epoch_losses.append(np.mean(self.batch_losses))
        self.batch_losses = []

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1)


loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(x, y), batch_size=64, shuffle=False
)
module = Classifier()
trainer = L.Trainer(
    max_epochs=3,
    accelerator="cpu",
    devices=1,
    deterministic=True,
    logger=False,
    enable_checkpointing=False,
    enable_progress_bar=False,
    enable_model_summary=False,
)
trainer.fit(module, loader)
managed = module.epoch_losses

for epoch, (a, b) in enumerate(zip(plain, managed), start=1):
    print(f"epoch {epoch}: plain loop {a:.8g}, managed loop {b:.8g}")
print(
    "largest difference below 1e-6:",
    bool(np.max(np.abs(np.subtract(plain, managed))) < 1e-6),
)
