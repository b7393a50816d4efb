# title: Callbacks: stop early on a stalled validation loss and keep the best checkpoint
# --- setup: imports, noisy digits data and shared starting weights ---
import logging

import lightning as L
import numpy as np
import torch
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
from sklearn.datasets import load_digits
from torch import nn

logging.getLogger("lightning").setLevel(logging.ERROR)
digits = load_digits()
x = (digits.data / 16.0).astype("float32")
y = digits.target.astype("int64")
rng = np.random.RandomState(0)
x_train, y_train, x_val, y_val = x[:128], y[:128].copy(), x[1000:1400], y[1000:1400]
noisy = rng.rand(128) < 0.5
y_train[noisy] = rng.randint(
    0, 10, noisy.sum()
)  # half the training labels are noise: it overfits
w1, w2 = (
    rng.normal(0, 0.1, (64, 64)).astype("float32"),
    rng.normal(0, 0.1, (64, 10)).astype("float32"),
)
# --- end setup ---


class Classifier(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
        # --- setup: copy the shared starting weights in ---
        self.net.load_state_dict(
            {
                "0.weight": torch.from_numpy(w1.T.copy()),
                "0.bias": torch.zeros(64),
                "2.weight": torch.from_numpy(w2.T.copy()),
                "2.bias": torch.zeros(10),
            }
        )
        # --- end setup ---
        self.val_losses = []

    def training_step(self, batch, batch_idx):
        xb, yb = batch
        return nn.functional.cross_entropy(self.net(xb), yb)

    def validation_step(self, batch, batch_idx):
        xb, yb = batch
        loss = nn.functional.cross_entropy(self.net(xb), yb)
        self.log("val_loss", loss)  # what the callbacks monitor
        self.val_losses.append(loss.item())

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=1.0)


def loader(xs, ys, batch_size):
    return torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.from_numpy(xs), torch.from_numpy(ys)),
        batch_size=batch_size,
        shuffle=False,
    )


callbacks = [
    EarlyStopping(monitor="val_loss", mode="min", min_delta=0.0, patience=3),
    ModelCheckpoint(
        dirpath=".", filename="best", monitor="val_loss", mode="min", save_top_k=1
    ),
]
module = Classifier()
trainer = L.Trainer(
    max_epochs=60,
    accelerator="cpu",
    devices=1,
    deterministic=True,
    logger=False,
    callbacks=callbacks,
    num_sanity_val_steps=0,
    enable_progress_bar=False,
    enable_model_summary=False,
)
trainer.fit(module, loader(x_train, y_train, 64), loader(x_val, y_val, len(x_val)))

val = module.val_losses
print("val loss by epoch:", " ".join(f"{v:.8g}" for v in val))
print("epochs run before stopping:", len(val))
print("best epoch:", int(np.argmin(val)) + 1, f"val loss {min(val):.8g}")
best = Classifier.load_from_checkpoint(
    callbacks[1].best_model_path
)  # weights, optimizer state, epoch
with torch.no_grad():
    reloaded = nn.functional.cross_entropy(
        best.net(torch.from_numpy(x_val)), torch.from_numpy(y_val)
    )
print(f"reloaded checkpoint val loss: {reloaded.item():.8g}")
