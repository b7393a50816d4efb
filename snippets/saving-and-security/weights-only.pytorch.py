# title: Save only the weights, load them into a freshly built model
"""PyTorch: save the state_dict (a dict of tensors); the code builds the model."""

import numpy as np
import torch


def build():
    """The architecture lives in code; the file holds only numbers."""
    return torch.nn.Sequential(
        torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
    )


torch.manual_seed(0)
x = torch.from_numpy(np.random.RandomState(1).normal(size=(5, 4)).astype("float32"))
model = build()
torch.save(model.state_dict(), "model.pt")  # tensors only, no classes
with torch.no_grad():
    expected = model(x)

fresh = build()  # different random initial weights...
with torch.no_grad():
    print("fresh model differs before loading:", not torch.allclose(fresh(x), expected))
state = torch.load("model.pt")  # weights_only=True is the default since PyTorch 2.6
fresh.load_state_dict(state)  # ...replaced by the saved ones
print("weight tensors restored:", len(state))
with torch.no_grad():
    print("outputs equal after loading:", bool(torch.equal(fresh(x), expected)))
