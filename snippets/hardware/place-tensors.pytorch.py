# title: Placing tensors on a device
import torch

cpu = torch.device("cpu")
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], device=cpu)  # created where it will live
y = x @ x  # results stay on their inputs' device
print(
    "device type:",
    y.device.type.upper(),
    "index:",
    0 if y.device.index is None else y.device.index,
)
print("result:", y.tolist())
try:
    torch.tensor([1.0], device="cuda") * 2.0  # no GPU here
    print("asking for a missing GPU: ran anyway")
except (RuntimeError, AssertionError):
    print("asking for a missing GPU: error")
