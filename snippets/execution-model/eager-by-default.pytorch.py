# title: Both run eagerly by default: an operation returns a concrete value at once
import torch

print("executing eagerly:", not torch.compiler.is_compiling())
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = x @ x + 1.0
print("type:", type(y).__name__)
print("value:", y.tolist())
