# title: Weighted loss averages: Keras divides by the batch size, PyTorch's weighted CrossEntropyLoss by the sum of weights
import torch

logits = torch.tensor([[2.0, 0.5], [0.2, 1.5], [1.0, 1.0], [0.3, 2.2]])
labels = torch.tensor([0, 1, 0, 1])
class_weight = torch.tensor([1.0, 3.0])

# PyTorch's default reduction "mean": with class weights it is the sum of weighted
# losses divided by the sum of the weights.
torch_default = torch.nn.CrossEntropyLoss(weight=class_weight)
per_sample = torch.nn.CrossEntropyLoss(weight=class_weight, reduction="none")

loss = torch.nn.CrossEntropyLoss()(logits, labels).item()
print(f"unweighted mean                     : {loss:.8g}")
loss = (per_sample(logits, labels).sum() / len(labels)).item()
print(f"weighted, / batch size (Keras)      : {loss:.8g}")
loss = torch_default(logits, labels).item()
print(f"weighted, / sum of weights (PyTorch): {loss:.8g}")
