# title: Save the whole model (architecture + weights) and load it back
# differs: a .keras file is a zip of JSON config and HDF5 weights; torch.save of a module is a pickle that needs weights_only=False
# same: ^loaded type: (\w+)
# same: ^outputs equal:
"""PyTorch: torch.save(module) pickles the module object; loading it needs
weights_only=False.
"""

import pickle
import zipfile

import numpy as np
import torch

torch.manual_seed(0)
x = torch.from_numpy(np.random.RandomState(1).normal(size=(5, 4)).astype("float32"))
model = torch.nn.Sequential(
    torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
)
torch.save(model, "model.pt")

archive = zipfile.ZipFile("model.pt")
print("archive members:", sorted(name.split("/", 1)[1] for name in archive.namelist()))

try:
    torch.load("model.pt")  # default weights_only=True refuses pickled classes
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

loaded = torch.load(
    "model.pt", weights_only=False
)  # runs the pickle: trusted files only
print(
    "loaded type:",
    type(loaded).__name__,
    "| class re-imported from:",
    type(loaded).__module__,
)
with torch.no_grad():
    print("outputs equal:", bool(torch.equal(loaded(x), model(x))))
