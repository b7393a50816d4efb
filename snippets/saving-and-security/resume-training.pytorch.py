# title: Checkpoint mid-training, resume, and get exactly the uninterrupted losses
"""Save model AND optimizer state_dicts (here: SGD momentum buffers), so training
resumes exactly.
"""

# --- setup: imports, data and shared starting weights ---
import numpy as np
import torch

rng = np.random.RandomState(0)
x = torch.from_numpy(rng.normal(size=(32, 4)).astype("float32"))
y = torch.from_numpy(rng.normal(size=(32, 1)).astype("float32"))
initial = [
    rng.normal(size=(4, 8)).astype("float32") * 0.5,
    np.zeros(8, "float32"),
    rng.normal(size=(8, 1)).astype("float32") * 0.5,
    np.zeros(1, "float32"),
]
# --- end setup ---


def build():
    model = torch.nn.Sequential(
        torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1)
    )
    # --- setup: copy the shared starting weights in ---
    with torch.no_grad():  # PyTorch stores Linear weights as (out, in): transpose
        model[0].weight.copy_(torch.from_numpy(initial[0].T))
        model[0].bias.copy_(torch.from_numpy(initial[1]))
        model[2].weight.copy_(torch.from_numpy(initial[2].T))
        model[2].bias.copy_(torch.from_numpy(initial[3]))
    # --- end setup ---
    return model, torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


def fit(model, optimizer, epochs):
    """Epoch losses: the mean of the batch losses, 4 batches of 8 per epoch."""
    history = []
    for _ in range(epochs):
        losses = []
        for start in range(0, len(x), 8):
            optimizer.zero_grad()
            loss = torch.mean((model(x[start : start + 8]) - y[start : start + 8]) ** 2)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history


straight = fit(*build(), 6)

model, optimizer = build()
part1 = fit(model, optimizer, 3)
torch.save(
    {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": 3},
    "checkpoint.pt",
)
del model, optimizer
model, optimizer = build()
checkpoint = torch.load(
    "checkpoint.pt"
)  # plain dicts of tensors: fine with weights_only=True
model.load_state_dict(checkpoint["model"])
optimizer.load_state_dict(checkpoint["optimizer"])
part2 = fit(model, optimizer, 3)

model, optimizer = build()  # same weights as the checkpoint, but a fresh optimizer
model.load_state_dict(torch.load("checkpoint.pt")["model"])
part2_fresh = fit(model, optimizer, 3)

print("uninterrupted:         ", [f"{v:.8g}" for v in straight])
print("3 + checkpoint + 3:    ", [f"{v:.8g}" for v in part1 + part2])
print(
    "resumed == uninterrupted:", np.allclose(part1 + part2, straight, rtol=0, atol=1e-6)
)
print("weights only, epochs 4-6:", [f"{v:.8g}" for v in part2_fresh], "(momentum lost)")
