# title: The most frequent operations in one training step
# differs: each framework names its operations in its own vocabulary (MatMul vs aten::mm); both count per step, not time
# same: ^matrix multiplies per step:
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


train_step()
with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
    for step in range(3):
        train_step()
# Counts, not times: times change from run to run, which ops run and how often does not.
# prof.key_averages().table(sort_by="self_cpu_time_total") is the usual human-readable
# view.
rows = [(e.key, e.count) for e in prof.key_averages() if e.key.startswith("aten::")]
for op, count in sorted(rows, key=lambda kv: (-kv[1], kv[0]))[:8]:
    print(f"{op:<45} {count // 3} per step")
print(
    "matrix multiplies per step:",
    sum(count for op, count in rows if op in ("aten::mm", "aten::addmm")) // 3,
)
