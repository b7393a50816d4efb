# title: One small classifier (64 -> 32 -> 10) written two ways, same parameter count
import torch
from torch import nn

torch.manual_seed(0)

# Way 1: a stack of layers. Each Linear states its input size explicitly.
sequential = nn.Sequential(
    nn.Linear(64, 32),
    nn.ReLU(),
    nn.Linear(32, 10),
)


# Way 2: subclassing, for models whose forward pass needs Python logic.
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(64, 32)
        self.out = nn.Linear(32, 10)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


subclassed = Classifier()
batch = torch.zeros(4, 64)  # weights already exist: no build step needed

for name, model in (("stacked", sequential), ("subclassed", subclassed)):
    count = sum(p.numel() for p in model.parameters())
    per_layer = [
        sum(p.numel() for p in m.parameters())
        for m in model.children()
        if isinstance(m, nn.Linear)
    ]
    print(
        f"{name}: parameters={count} per layer={per_layer}"
        f" output shape={tuple(model(batch).shape)}"
    )
