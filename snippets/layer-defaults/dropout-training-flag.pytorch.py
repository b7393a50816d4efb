# title: Dropout on or off: Keras decides per call (training=), PyTorch per module state (.train()/.eval())
import numpy as np
import torch

torch.manual_seed(0)
x = np.ones((1, 1000), dtype="float32")


def describe(label, y):
    y = y.detach().numpy()
    kept = y[y != 0]
    changed = not np.array_equal(y, x)
    values = sorted(set(kept.round(4).tolist()))
    print(f"{label:34s} changed: {changed!s:5s} kept values: {values}")


# Keras semantics (inference) need an explicit .eval() here.
describe(
    "plain call, Keras semantics", torch.nn.Dropout(0.5).eval()(torch.from_numpy(x))
)
# A fresh PyTorch module is in training mode: dropout is on until you call .eval().
describe("plain call, PyTorch semantics", torch.nn.Dropout(0.5)(torch.from_numpy(x)))
# The mode is state on the model: call .eval() before evaluating and .train() before
# training again.
model = torch.nn.Sequential(torch.nn.Linear(1000, 1000), torch.nn.Dropout(0.5))
torch.nn.init.eye_(model[0].weight)
torch.nn.init.zeros_(model[0].bias)
with torch.no_grad():
    describe("model, inference mode", model.eval()(torch.from_numpy(x)))
    describe("model, training mode", model.train()(torch.from_numpy(x)))
