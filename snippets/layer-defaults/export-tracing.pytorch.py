# title: Export tracing: torch.export runs forward as plain Python by default (strict=False), as tf.function traces
# differs: each half names its own framework's export call and its default
# same: ^Python side effects while exporting:
# same: ^Python side effects in 3 calls of the export:
# same: ^result:
import inspect

import numpy as np
import torch

strict = inspect.signature(torch.export.export).parameters["strict"].default
print(f"torch.export.export default: strict={strict} (Python runs, no TorchDynamo)")
log = []


class Net(torch.nn.Module):
    def forward(self, x):
        log.append("forward ran")  # a Python side effect
        return torch.tanh(x) * 2


exported = torch.export.export(Net(), (torch.zeros(3),))
print(f"Python side effects while exporting: {len(log)}")
log.clear()
run = exported.module()
for _ in range(3):
    out = run(torch.tensor([0.5, -1.0, 2.0]))
print(f"Python side effects in 3 calls of the export: {len(log)}")
print(f"result: {np.round(out.numpy().astype(float), 8).tolist()}")
