# title: Profile three training steps and read the profile back
from collections import Counter

import numpy as np
import torch

# --- setup: seeded data and a small model ---
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.standard_normal((64, 32)).astype("float32"))
y = torch.from_numpy(rng.integers(0, 10, 64))
model = torch.nn.Sequential(
    torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)
)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
# --- end setup ---


def train_step():
    opt.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    opt.step()


train_step()  # warm up outside the profile
with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
    for step in range(3):
        with torch.profiler.record_function("train"):  # marks a step
            train_step()

counts = Counter(
    {e.key: e.count for e in prof.key_averages()}
)  # one row per op name, read in process
steps = counts["train"]
print("steps recorded:", steps)
print(
    "matrix multiplies per step:",
    sum(counts[t] for t in ("aten::mm", "aten::addmm", "aten::bmm")) // steps,
)
