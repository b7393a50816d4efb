# title: Log the training and validation loss per epoch, then read the event files back
import numpy as np
import torch

# Load torch's compiler stack before TensorBoard loads TensorFlow: with PyPI's default
# (CUDA) torch wheel, importing it after TensorFlow crashed the process here.
import torch._dynamo
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

# --- setup: seeded data and a model with the same starting weights ---
torch.manual_seed(0)
rng = np.random.RandomState(0)
x = rng.normal(size=(64, 3)).astype("float32")
y = (x @ np.array([[1.5], [-2.0], [0.5]], "float32") + 0.3).astype("float32")
x_train, y_train, x_val, y_val = (
    torch.from_numpy(a) for a in (x[:48], y[:48], x[48:], y[48:])
)
w0 = rng.normal(scale=0.1, size=(3, 1)).astype(
    "float32"
)  # same start weights in both halves

model = torch.nn.Linear(3, 1)
with torch.no_grad():
    model.weight.copy_(torch.from_numpy(w0.T))
    model.bias.zero_()
# --- end setup ---
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = torch.nn.MSELoss()
# One writer per run directory: TensorBoard shows logs/train and
# logs/validation as two runs.
writers = {run: SummaryWriter(f"logs/{run}") for run in ("train", "validation")}
for epoch in range(5):
    optimizer.zero_grad()
    loss = loss_fn(model(x_train), y_train)
    loss.backward()
    optimizer.step()
    writers["train"].add_scalar("epoch_loss", loss.item(), epoch)
    with torch.no_grad():
        writers["validation"].add_scalar(
            "epoch_loss", loss_fn(model(x_val), y_val).item(), epoch
        )
for writer in writers.values():
    writer.close()

for run in ("train", "validation"):
    events = EventAccumulator(f"logs/{run}")
    events.Reload()
    # add_scalar writes the classic scalar summary, listed under 'scalars'.
    values = [(e.step, e.value) for e in events.Scalars("epoch_loss")]
    print(run, "epoch_loss:", ", ".join(f"{step}:{v:.8g}" for step, v in values))
