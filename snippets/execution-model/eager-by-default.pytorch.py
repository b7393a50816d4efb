# title: Both run eagerly by default: an operation returns its value at once
import torch

# Each operation runs at once unless torch.compile is tracing it.
print("eager:", not torch.compiler.is_compiling())
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = x @ x + 1.0
print("value:", y.tolist())
# Ordinary Python control flow works on concrete values.
print("largest > 20:", bool(y.max() > 20))
