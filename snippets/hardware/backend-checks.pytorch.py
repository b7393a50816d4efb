# title: Every accelerator check each framework offers
# differs: each framework has its own set of checks; both report no accelerator on this CPU-only machine
# same: ^accelerators visible:
import torch

print("torch.cuda.is_available():", torch.cuda.is_available())
print("torch.version.cuda:", torch.version.cuda)
print(
    "torch.version.hip:", torch.version.hip
)  # ROCm builds set this and reuse the "cuda" device
print("torch.backends.mps.is_built():", torch.backends.mps.is_built())
print("torch.backends.mps.is_available():", torch.backends.mps.is_available())
print(
    "torch.xpu.is_available():", torch.xpu.is_available()
)  # Intel GPUs, in core since 2.5
print(
    "torch.backends.mkldnn.is_available():", torch.backends.mkldnn.is_available()
)  # oneDNN on CPU
print("current_accelerator():", torch.accelerator.current_accelerator())  # compiled-in
print("... check_available=True:", torch.accelerator.current_accelerator(True))
print("accelerators visible:", torch.accelerator.device_count())
