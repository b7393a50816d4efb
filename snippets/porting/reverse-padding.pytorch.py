# title: PyTorch padding=1 at stride 2 is ZeroPadding2D(1) + padding="valid" in Keras, not padding="same"
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(0)
kernel = rng.normal(0, 0.3, (3, 3, 2, 4)).astype(
    "float32"
)  # Keras layout (kh, kw, in, out)
x = rng.normal(size=(2, 16, 16, 2)).astype("float32")  # NHWC
weight = torch.from_numpy(kernel.transpose(3, 2, 0, 1).copy())  # -> (out, in, kh, kw)
x_nchw = torch.from_numpy(x).permute(0, 3, 1, 2)


def show(label, out):
    out = out.permute(0, 2, 3, 1).numpy()  # NHWC, as Keras prints it
    print(
        f"{label:38s} shape {out.shape[1:3]}  sum {out.sum():.8g}  first "
        f"{out[0, 0, 0, 0]:.8g}"
    )
    return out


# the trained PyTorch layer: symmetric padding, one row and column on each side
torch_out = show(
    "pad 1 each side (PyTorch padding=1)", F.conv2d(x_nchw, weight, stride=2, padding=1)
)
# what Keras' padding="same" computes at stride 2 on an even size: nothing before, one
# after
same = show(
    "pad 0 before, 1 after (Keras same)",
    F.conv2d(F.pad(x_nchw, (0, 1, 0, 1)), weight, stride=2),
)
print(f"largest difference from padding=1: {np.abs(same - torch_out).max():.8g}")
