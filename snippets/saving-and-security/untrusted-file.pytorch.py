# title: Loading an untrusted file can run code: the safe default refuses it
# differs: Keras refuses a serialized Python lambda; torch.load refuses a pickled callable; the messages differ
# same:  printed: (\[.*\])
"""torch.save uses pickle, and unpickling can call any function. weights_only=True
refuses that.

The "payload" here is harmless: it prints a line. A real attacker's would not be.
"""

import contextlib
import io
import pickle
import pickletools
import zipfile

import torch


class Payload:
    """Pickle calls __reduce__'s function with its arguments on load: here, print."""

    def __reduce__(self):
        return (print, ("payload ran: this could have been any code",))


# What an attacker would ship: a normal-looking checkpoint with one extra object.
torch.save({"weight": torch.ones(2, 2), "extra": Payload()}, "untrusted.pt")
data = zipfile.ZipFile("untrusted.pt").read("untrusted/data.pkl")
calls = [
    arg
    for op, arg, _ in pickletools.genops(data)
    if op.name in ("GLOBAL", "STACK_GLOBAL")
]
print("callables the pickle will look up:", calls)

# The victim loads it with the defaults (weights_only=True since PyTorch 2.6):
try:
    torch.load("untrusted.pt")
except pickle.UnpicklingError as error:
    detail = next(
        line for line in str(error).splitlines() if "Unsupported global" in line
    )
    print(
        "torch.load(default):",
        type(error).__name__,
        "-",
        detail.strip().split(". Please")[0],
    )

# Opting out runs the attacker's code during loading:
captured = io.StringIO()
with contextlib.redirect_stdout(captured):
    torch.load("untrusted.pt", weights_only=False)
lines = captured.getvalue().splitlines()
print(
    "torch.load(weights_only=False) printed:",
    sorted(set(lines)),
    f"(ran {len(lines)}x)",
)
