# title: Default dtypes: a Python int becomes int32 in TensorFlow and int64 in PyTorch; float64 NumPy arrays stay float64 in both
import numpy as np
import torch


def show(label, t):
    print(
        f"{label:32s} dtype {str(t.dtype).removeprefix('torch.'):8s} value {t.tolist()}"
    )


# TensorFlow's default here
show("int literal, TensorFlow default", torch.tensor(2**31 - 1, dtype=torch.int32))
# PyTorch picks int64
show("int literal, PyTorch default", torch.tensor(2**31 - 1))
# int32 arithmetic wraps around silently at 2**31.
show("int32: (2**31 - 1) + 1", torch.tensor(2**31 - 1, dtype=torch.int32) + 1)
show("int64: (2**31 - 1) + 1", torch.tensor(2**31 - 1, dtype=torch.int64) + 1)
show("Python float", torch.tensor(0.1))
# NumPy's dtype wins
show("NumPy float64 array", torch.tensor(np.array([0.1])))
show("NumPy float64 array, float32", torch.tensor(np.array([0.1]), dtype=torch.float32))
