# title: Export a graph with a serving signature, reload it without the model's Python code, call it
"""torch.export: an ExportedProgram saved as .pt2 and loaded back without the nn.Module
class.
"""

import numpy as np
import torch

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
expected = model(x).detach().numpy()
# --- end setup ---

batch = torch.export.Dim(
    "batch"
)  # declare the batch dimension dynamic, or it is fixed to 5
exported = torch.export.export(model, (x,), dynamic_shapes=({0: batch},))
torch.export.save(
    exported, "exported_model.pt2"
)  # one zip: graph as JSON, weights as raw bytes
del model, exported

loaded = torch.export.load("exported_model.pt2")
user_input = [n for n in loaded.graph.nodes if n.op == "placeholder"][
    -1
]  # last placeholder = the data
shape = user_input.meta["val"].shape
print(
    "input: batch x",
    int(shape[1]),
    "| batch dimension dynamic:",
    isinstance(shape[0], torch.SymInt),
)

serve = loaded.module()  # a callable GraphModule
with torch.no_grad():
    out = serve(x).numpy()
    print("row 0:", [round(float(v), 8) for v in out[0]])
    print("reloaded == original:", bool(np.allclose(out, expected, atol=1e-6)))
    print("batch of 2 -> output shape:", list(serve(x[:2]).shape))
