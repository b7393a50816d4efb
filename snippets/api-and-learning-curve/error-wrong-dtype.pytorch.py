# title: The same dtype mistakes: which framework stops, which one converts silently
# differs: each framework words its own error message, and a mistake one framework rejects the other may convert silently
# same: ^\d+\.
import textwrap

import numpy as np
import torch
from torch import nn


def attempt(mistake, action):
    """Run one deliberate mistake and print what the reader would see."""
    print(mistake)
    try:
        result = action()
        values = np.round(result.detach().numpy(), 4).tolist()
        print(
            f"  no error: result dtype {str(result.dtype).removeprefix('torch.')},"
            f" values {values}"
        )
    except Exception as error:
        # Wrapped at spaces to fit the page; the words are the real message.
        message = f"{type(error).__name__}: {error}"
        print(
            textwrap.fill(
                message,
                64,
                initial_indent="  ",
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )


ints = torch.tensor([1, 2])  # Python ints become int64 in PyTorch
floats = torch.tensor([0.5, 0.5])
attempt("1. int tensor + float tensor", lambda: ints + floats)

doubles = torch.tensor([[1.0, 2.0]], dtype=torch.float64)
attempt("2. float64 matmul float32", lambda: torch.matmul(doubles, torch.ones(2, 1)))

layer = nn.Linear(2, 1)
nn.init.ones_(layer.weight)
nn.init.zeros_(layer.bias)
attempt(
    "3. integer batch into a float32 layer",
    lambda: layer(torch.tensor([[1, 2]], dtype=torch.int64)),
)
