# title: TF32: TensorFlow lets Ampere+ GPUs round float32 matmul inputs by default, PyTorch does not
import numpy as np
import torch


def on_off(flag):
    return "on" if flag else "off"


# Read on a CPU build: these flags only act on NVIDIA Ampere or newer GPUs.
matmul, conv = torch.backends.cuda.matmul, torch.backends.cudnn
torch_default, conv_default = matmul.allow_tf32, conv.allow_tf32
# The fix that gives TensorFlow's default (PyTorch's is "highest"):
torch.set_float32_matmul_precision("high")
print(f"TF32 in float32 matmuls, TensorFlow's default:  {on_off(matmul.allow_tf32)}")
print(f"TF32 in float32 matmuls, PyTorch's default:     {on_off(torch_default)}")
print(f"TF32 in float32 cuDNN convolutions, by default: {on_off(conv_default)}")


def to_tf32(x):
    """Round float32 to TF32's 10 mantissa bits (nearest), as the tensor cores read
    it.
    """
    bits = x.view(torch.int32)
    return ((bits + 0x1000) & ~0x1FFF).view(torch.float32)


x = torch.tensor([1.0001])[0]
print(f"float32 {x.item():.10g} as TF32 sees it: {float(to_tf32(x)):.10g}")
rng = np.random.default_rng(0)
a, b = (torch.tensor(rng.normal(size=(256, 256)), dtype=torch.float32) for _ in "ab")
exact = a.double() @ b.double()
tf32 = to_tf32(a).double() @ to_tf32(b).double()
error = ((tf32 - exact).abs().max() / exact.abs().mean()).item()
print(f"256x256 matmul with TF32 inputs: max error / mean |result| = {error:.8g}")
