# title: Recording NaN and Inf counts for every op: Debugger V2 dumps and a TorchDispatchMode
# differs: TensorFlow names graph ops (Mul, Log) and writes files for TensorBoard, PyTorch names ATen ops and keeps the record in Python
# same: ^result:
# same: ^op \S+ +(nan=\d+ inf=\d+)$
import torch
from torch.utils._python_dispatch import TorchDispatchMode


class HealthLog(TorchDispatchMode):
    """Sees every ATen op that runs and counts NaN and Inf in its output."""

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if isinstance(out, torch.Tensor) and out.is_floating_point():
            nan = int(torch.isnan(out).sum())
            inf = int(torch.isinf(out).sum())
            print(f"op {func.__name__:12s} nan={nan} inf={inf}")
        return out


def model(x):
    h = x * 2.0
    return torch.log(h).sum()


with HealthLog():
    result = model(torch.tensor([1.0, -1.0]))
print("result:", result.item())
