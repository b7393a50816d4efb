# title: Listing the devices a process can use
import torch

# torch.accelerator (2.6+) answers for whichever accelerator this build supports:
# CUDA and ROCm (both as "cuda"), Apple "mps", Intel "xpu". There is always one "cpu".
found = {"CPU"}
# check_available=True: a CUDA wheel names "cuda" even where no GPU works.
current = torch.accelerator.current_accelerator(
    check_available=True
)  # None when none works
if current is not None:
    found.add(current.type.upper())
print("device types found:", sorted(found))
print("accelerators:", torch.accelerator.device_count())
print("device to use:", (current or torch.device("cpu")).type.upper())
