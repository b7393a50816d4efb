# title: Inspecting the captured graph
# differs: each framework names its graph operations in its own vocabulary
import torch


class Affine(torch.nn.Module):
    def forward(self, x, w, b):
        return torch.relu(x @ w + b)


batch = torch.export.Dim("batch")
program = torch.export.export(
    Affine(),
    (torch.zeros(4, 3), torch.zeros(3, 2), torch.zeros(2)),
    dynamic_shapes=({0: batch}, None, None),
)
print(
    "inputs:",
    [
        list(node.meta["val"].shape)
        for node in program.graph.nodes
        if node.op == "placeholder"
    ],
)
print("operations:")
for node in program.graph.nodes:
    print(f"  {node.op:<13} {node.target}")
