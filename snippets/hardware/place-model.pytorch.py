# title: Putting a model's weights on a device
import numpy as np
import torch

# check_available=True: a CUDA wheel names "cuda" even where no GPU works.
accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")
model = torch.nn.Sequential(
    torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2)
)
model.to(device)  # moves every parameter and buffer in place; returns the module
types = [p.device.type.upper() for p in model.parameters()]
print("weights:", len(types), "on", sorted(set(types)))
rng = np.random.default_rng(0)
with (
    torch.no_grad()
):  # same values as the Keras half: kernels there are (in, out), here (out, in)
    for p, shape in zip(model.parameters(), [(4, 3), (3,), (3, 2), (2,)]):
        value = torch.from_numpy(rng.standard_normal(shape).astype("float32"))
        p.copy_(value.T if value.ndim == 2 else value)
out = model(torch.ones(1, 4, device=device))  # inputs must be on the model's device
print("output device:", out.device.type.upper())
print("output:", np.round(out.detach().cpu().numpy().astype("float64"), 8).tolist())
