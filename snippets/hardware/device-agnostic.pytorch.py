# title: Device-agnostic training code
import numpy as np
import torch

# Choose once, then pass `device` everywhere tensors or modules are created.
# check_available=True: a CUDA wheel names "cuda" even where no GPU works.
accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")
print(
    "device:", "GPU" if device.type in ("cuda", "mps", "xpu") else device.type.upper()
)
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.standard_normal((32, 4)).astype("float32")).to(device)
y = torch.from_numpy(rng.standard_normal((32, 1)).astype("float32")).to(device)
w = torch.nn.Parameter(
    torch.from_numpy(rng.standard_normal((4, 1)).astype("float32")).to(device)
)
opt = torch.optim.SGD([w], lr=0.1)
for step in range(3):
    loss = torch.mean((x @ w - y) ** 2)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"step {step}: loss {loss.item():.6f}")
