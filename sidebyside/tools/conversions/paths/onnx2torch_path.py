"""ONNX -> PyTorch with onnx2torch, starting from PyTorch's own ONNX export."""

from sidebyside.tools.conversions.paths._common import stage, torch_original, torch_outputs, torch_to_onnx

ID = "onnx2torch"
TITLE = "ONNX → PyTorch (onnx2torch)"
HOW = "`onnx2torch.convert(path)` on a `torch.onnx.export` file"
ENV = "convert"
WHY_SEPARATE = (
    'onnx2torch requires torchvision, and the only torchvision wheels the package index offers are CUDA '
    'builds that do not load beside the CPU torch 2.13.0 wheel (import fails with "operator '
    'torchvision::nms does not exist"). It is installed with --no-deps, without torchvision, so this row '
    'records what a CPU-only install gets.'
)
PACKAGES = ("onnx2torch", "torch", "onnx", "onnxscript")


def run(family, workdir):
    module, x, original = torch_original(family)
    path = torch_to_onnx(module, x, workdir / "model.onnx")
    with stage("onnx2torch.convert"):
        from onnx2torch import convert

        converted = convert(str(path)).eval()
    with stage("converted module"):
        return original, torch_outputs(converted, x)
