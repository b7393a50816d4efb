"""PyTorch's ONNX exporter (the torch.export-based one), run with onnxruntime."""

from sidebyside.tools.conversions.paths._common import run_onnx, torch_original, torch_to_onnx

ID = "torch-onnx-dynamo"
TITLE = "PyTorch → ONNX"
HOW = "`torch.onnx.export(..., dynamo=True)`, run in onnxruntime"
ENV = "test"
PACKAGES = ("torch", "onnxscript", "onnx", "onnxruntime")


def run(family, workdir):
    module, x, original = torch_original(family)
    return original, run_onnx(torch_to_onnx(module, x, workdir / "model.onnx"), x)
