# title: Runtime assertions: tf.debugging.assert_* and torch._check, torch.testing, plain assert
# differs: the two frameworks raise different exception types with differently worded messages
# same: ^(?:all finite|compiled call 1):
import textwrap

import torch

x = torch.tensor([[1.0, -2.0], [3.0, 4.0]])


def show(label, check):
    try:
        check()
        print(f"{label}: passed")
    except (AssertionError, RuntimeError) as e:
        print(f"{label}: {type(e).__name__}:")
        first_line = str(e).strip().splitlines()[0]
        print(
            textwrap.fill(
                first_line, 88, initial_indent="    ", subsequent_indent="    "
            )
        )


def check_shape():
    # plain assert: skipped under python -O
    assert x.shape[1] == 3, f"expected shape (N, 3), got {tuple(x.shape)}"


show("shape is (N, 3)", check_shape)
show(
    "all >= 0",
    lambda: torch._check(bool((x >= 0).all()), lambda: "inputs must be >= 0"),
)
show(
    "close to 1e-3", lambda: torch.testing.assert_close(x, x + 1e-2, atol=1e-3, rtol=0)
)
show(
    "all finite",
    lambda: torch._assert(bool(torch.isfinite(x).all()), "NaN or Inf in inputs"),
)


@torch.compile(backend="eager")
def safe_sqrt(t):
    # Inside torch.compile the data-dependent check splits the graph and runs every
    # call.
    torch._check(bool((t >= 0).all()), lambda: "safe_sqrt needs t >= 0")
    return torch.sqrt(t)


print("compiled call 1:", safe_sqrt(torch.tensor([4.0, 9.0])).tolist())
show("compiled call 2", lambda: safe_sqrt(torch.tensor([4.0, -9.0])))
