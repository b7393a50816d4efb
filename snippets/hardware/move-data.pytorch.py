# title: Moving data between host and device
import numpy as np
import torch

host = np.arange(6, dtype="float32").reshape(2, 3)
# check_available=True: a CUDA wheel names "cuda" even where no GPU works.
accelerator = torch.accelerator.current_accelerator(check_available=True)
target = accelerator or torch.device("cpu")
# non_blocking overlaps the copy with compute when the source is pinned host memory.
on_device = torch.from_numpy(host).to(target, non_blocking=True)
print("on device:", on_device.device.type.upper())
doubled = on_device * 2.0
back = doubled.cpu().numpy()  # .numpy() needs a CPU tensor: call .cpu() first
print("back on host:", type(back).__name__, back.dtype)
print("values:", back.tolist())
print("round trip equal:", bool(np.array_equal(back / 2.0, host)))
