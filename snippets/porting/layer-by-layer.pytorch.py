# title: Verify a port layer by layer: record every layer's output and compare the two lists, not just the final logits
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
# weights in Keras layout, shared by both halves
conv_kernel = rng.normal(0, 0.3, (3, 3, 2, 4)).astype("float32")  # (kh, kw, in, out)
bn = [
    rng.uniform(0.5, 1.5, 4),
    rng.normal(0, 0.2, 4),
    rng.normal(0, 0.5, 4),
    rng.uniform(0.5, 2, 4),
]
dense_kernel = rng.normal(0, 0.3, (4, 3)).astype("float32")  # (in, out)
x = rng.normal(0, 1, (2, 6, 6, 2)).astype("float32")  # NHWC

model = nn.Sequential()
model.add_module("conv", nn.Conv2d(2, 4, 3, padding=1, bias=False))
model.add_module("bn", nn.BatchNorm2d(4, eps=1e-3))  # Keras' epsilon
model.add_module("relu", nn.ReLU())
model.add_module("pool", nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten()))
model.add_module("head", nn.Linear(4, 3))
state = {
    "conv.weight": conv_kernel.transpose(3, 2, 0, 1),  # -> (out, in, kh, kw)
    "bn.weight": bn[0],
    "bn.bias": bn[1],
    "bn.running_mean": bn[2],
    "bn.running_var": bn[3],
    "head.weight": dense_kernel.T,
    "head.bias": np.zeros(3),
}
model.load_state_dict(
    {k: torch.tensor(v, dtype=torch.float32) for k, v in state.items()}, strict=False
)
model.eval()

# a forward hook on each top-level layer records its output
outputs = []
for name, layer in model.named_children():
    layer.register_forward_hook(
        lambda mod, args, out, name=name: outputs.append((name, out))
    )
with torch.no_grad():
    model(torch.from_numpy(x).permute(0, 3, 1, 2))  # NCHW in
for name, out in outputs:
    out = (
        out.permute(0, 2, 3, 1).numpy() if out.ndim == 4 else out.numpy()
    )  # print channels last
    print(
        f"{name:5s} shape {out.shape}  sum {out.sum():.8g}  max|.| "
        f"{np.abs(out).max():.8g}  "
        f"first",
        " ".join(f"{v:.8g}" for v in out.reshape(-1)[:3]),
    )
