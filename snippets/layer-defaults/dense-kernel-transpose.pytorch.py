# title: Dense kernel is (in, out), Linear weight is (out, in): a square layer copied without transposing runs and is wrong
import numpy as np
import torch

x = np.array([[1.0, 2.0, 3.0]], dtype="float32")
# the layer's math: y = x @ weight.T
weight = np.arange(9, dtype="float32").reshape(3, 3)
bias = np.zeros(3, dtype="float32")
# what a Keras Dense kernel stores: (in, out)
exported = weight.T

# PyTorch weight shape (out, in): y = x @ weight.T + bias
linear = torch.nn.Linear(3, 3)
for label, value in (
    ("converted with .T (correct)", exported.T),
    ("copied as is (wrong)", exported),
):
    with torch.no_grad():
        # a square matrix fits either way
        linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(value)))
        linear.bias.copy_(torch.from_numpy(bias))
        print(f"{label:28s}: y = {linear(torch.from_numpy(x))[0].tolist()}")
print(f"{'reference x @ weight.T':28s}: y = {(x @ weight.T)[0].tolist()}")
