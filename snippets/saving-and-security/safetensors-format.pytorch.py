# title: safetensors: a weights file that cannot carry code, readable from any framework
"""safetensors.torch: a JSON header plus raw little-endian bytes; loading never executes
code.
"""

import json
import struct

import numpy as np
import torch
from safetensors.numpy import load_file as load_numpy
from safetensors.torch import load_file, save_file

torch.manual_seed(0)
x = torch.from_numpy(np.random.RandomState(1).normal(size=(5, 4)).astype("float32"))


def build():
    return torch.nn.Sequential(
        torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
    )


model = build()
save_file(model.state_dict(), "model.safetensors", metadata={"format": "pt"})

with open("model.safetensors", "rb") as f:
    header_size = struct.unpack("<Q", f.read(8))[
        0
    ]  # 8-byte length, then the JSON header
    header = json.loads(f.read(header_size))
entries = {k: v for k, v in header.items() if k != "__metadata__"}
print(
    "header entries:",
    len(entries),
    "| dtypes:",
    sorted({v["dtype"] for v in entries.values()}),
)
print("values stored:", sum(int(np.prod(v["shape"])) for v in entries.values()))

fresh = build()
fresh.load_state_dict(load_file("model.safetensors"))
with torch.no_grad():
    print("outputs equal after loading:", bool(torch.equal(fresh(x), model(x))))
print(
    "readable with numpy alone (safetensors.numpy):",
    len(load_numpy("model.safetensors")),
    "arrays",
)
