# title: Log a model's graph for the Graphs dashboard and list its ops
# differs: each framework records its own op names (TensorFlow ops vs TorchScript aten:: ops)
# same: ^graph stored:
from collections import Counter

import torch
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(4, 8),
    torch.nn.ReLU(),
    torch.nn.Linear(8, 2),
)

# add_graph runs the model once under torch.jit.trace and writes the traced graph.
writer = SummaryWriter("logs/pytorch")
writer.add_graph(model, torch.zeros(1, 4))
writer.close()

events = EventAccumulator("logs/pytorch")
events.Reload()
graph_def = events.Graph()
ops = Counter(node.op for node in graph_def.node)
print("graph stored:", events.Tags()["graph"])
print("nodes:", len(graph_def.node))
print(
    "compute ops:", {op: n for op, n in sorted(ops.items()) if op.startswith("aten::")}
)
