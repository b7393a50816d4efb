# title: Setting CPU thread pools
import torch

torch.set_num_threads(2)  # threads inside one op (a matmul); can change at any time
torch.set_num_interop_threads(
    1
)  # independent ops side by side; only before parallel work starts
print("intra-op threads:", torch.get_num_threads())
print("inter-op threads:", torch.get_num_interop_threads())
x = torch.ones(256, 256)
print("matmul sum:", float((x @ x).sum()))
try:
    torch.set_num_interop_threads(4)
    print("changing it later: allowed")
except RuntimeError:
    print("changing it later: error")
