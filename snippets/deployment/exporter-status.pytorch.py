# title: Which exporters work with the pinned versions, and what the failures say
# differs: each framework has its own exporters, files and error messages
"""Try every common PyTorch export route on one small model and report."""

import warnings
import zipfile

import onnx
import torch

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
).eval()
x = torch.randn(5, 4)


def onnx_ops(path):
    return sorted({node.op_type for node in onnx.load(path).graph.node} - {"Identity"})


# 1. torch.export archive: what the .pt2 file holds.
torch.export.save(torch.export.export(model, (x,)), "model.pt2")
members = sorted(
    name.split("/", 1)[1] for name in zipfile.ZipFile("model.pt2").namelist()
)
print(".pt2 members:", members)

# 2. The torch.export-based ONNX exporter (default since 2.9; imports onnxscript):
# works.
torch.onnx.export(model, (x,), dynamo=True, opset_version=18, verbose=False).save(
    "dynamo.onnx"
)
print("torch.onnx.export(dynamo=True):", "works | ops:", onnx_ops("dynamo.onnx"))

# 3. The legacy TorchScript-based exporter: works, with a deprecation warning.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.onnx.export(model, (x,), "legacy.onnx", dynamo=False, opset_version=18)
print("torch.onnx.export(dynamo=False):", "works | ops:", onnx_ops("legacy.onnx"))
for warning in caught:
    if issubclass(warning.category, DeprecationWarning):
        print(
            "  ",
            warning.category.__name__ + ":",
            str(warning.message).split(". Learn more")[0],
        )
