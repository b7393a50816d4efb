# title: Lower the model for on-device runtimes and run the lowered form
# differs: LiteRT lists the builtin ops of its flatbuffer; PyTorch lists the Core ATen operators that ExecuTorch takes as input
# same: ^row 0:
# same: within (ATOL=\S+: \w+)$
"""torch.export -> Core ATen operator set: the program ExecuTorch's to_edge() lowers to
a .pte file.

ExecuTorch itself (the executorch package and its runtime) is not part of this
site's tested set; this runs the decomposed program in PyTorch instead.
"""

import numpy as np
import torch

ATOL = 1e-5

# --- setup: a small model, its input and the same weights in both halves ---
rng = np.random.RandomState(0)
k1, b1 = (
    rng.normal(size=(4, 8)).astype("float32"),
    rng.normal(size=(8,)).astype("float32"),
)
k2, b2 = (
    rng.normal(size=(8, 3)).astype("float32"),
    rng.normal(size=(3,)).astype("float32"),
)
x = torch.from_numpy(rng.normal(size=(5, 4)).astype("float32"))

model = torch.nn.Sequential(
    torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
).eval()
with torch.no_grad():  # same weights; PyTorch stores Linear weights as (out, in)
    model[0].weight.copy_(torch.from_numpy(k1.T))
    model[0].bias.copy_(torch.from_numpy(b1))
    model[2].weight.copy_(torch.from_numpy(k2.T))
    model[2].bias.copy_(torch.from_numpy(b2))
    expected = model(x).numpy()
# --- end setup ---

exported = torch.export.export(model, (x,))
print(
    "exported ops:",
    sorted({str(n.target) for n in exported.graph.nodes if n.op == "call_function"}),
)
core = exported.run_decompositions()  # lower to the Core ATen operator set
print(
    "Core ATen ops:",
    sorted({str(n.target) for n in core.graph.nodes if n.op == "call_function"}),
)

with torch.no_grad():
    out = core.module()(x).numpy()
print("row 0:", [round(float(v), 8) for v in out[0]])
print(
    f"matches eager PyTorch within ATOL={ATOL}:",
    bool(np.allclose(out, expected, rtol=0, atol=ATOL)),
)
