# title: A data-dependent branch inside a compiled graph
import torch


class ReluOrSquare(torch.nn.Module):
    def forward(self, x):
        # torch.cond keeps both branches in the graph; a plain `if` would
        # force a graph break (torch.compile) or fail (torch.export).
        return torch.cond(x.sum() > 0, lambda t: torch.relu(t), lambda t: t * t, (x,))


program = torch.export.export(ReluOrSquare(), (torch.zeros(3),))
targets = {str(node.target) for node in program.graph.nodes}
print("both branches in one graph:", any("cond" in t for t in targets))
module = program.module()
print("positive input:", module(torch.tensor([1.0, -2.0, 3.0])).tolist())
print("negative input:", module(torch.tensor([-1.0, -2.0, 1.0])).tolist())
