# title: The same shape mistakes, and the error message each framework prints
# differs: each framework words its own error message; showing both messages side by side is the point of the pair
# same: ^\d+\.
import textwrap

import torch
from torch import nn


def attempt(mistake, action):
    """Run one deliberate mistake and print what the reader would see."""
    print(mistake)
    try:
        result = action()
        print(f"  no error: result shape {tuple(result.shape)}")
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


a = torch.ones(2, 3)
b = torch.ones(2, 3)
attempt("1. matmul of (2, 3) by (2, 3)", lambda: torch.matmul(a, b))

layer = nn.Linear(3, 4)  # the layer is built for 3 input features
attempt("2. a layer built for 3 features gets 5", lambda: layer(torch.ones(2, 5)))
