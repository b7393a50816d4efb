# title: breakpoint() inside compiled code: traced once by tf.function, a graph break in torch.compile
# differs: tf.function stops only while tracing and shows a symbolic tensor, torch.compile stops on every call with the real value
# same: ^call with
# same: ^  returned
import inspect
import sys

import torch


def inspect_instead_of_pdb(*args, **kwargs):
    """Stands in for pdb so the script runs unattended: shows what pdb would see."""
    x = inspect.currentframe().f_back.f_locals["x"]
    print("  breakpoint hit; x =", x)


# delete this line to get the real pdb prompt
sys.breakpointhook = inspect_instead_of_pdb


@torch.compile(backend="eager")  # "eager" backend: graph capture without a C++ build
def step(x):
    breakpoint()
    return x * 2.0


for value in (1.0, 2.0):
    print(f"call with {value}:")
    print("  returned", step(torch.tensor([value])).tolist())
