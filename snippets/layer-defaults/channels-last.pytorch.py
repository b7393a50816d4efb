# title: Image layout: Keras expects channels last (N, H, W, C), PyTorch channels first (N, C, H, W)
import numpy as np
import torch

rng = np.random.RandomState(0)
image_nhwc = rng.rand(1, 5, 5, 3).astype("float32")  # the same image in both scripts
# (out, in, kh, kw): PyTorch's own layout
kernel = rng.rand(4, 3, 3, 3).astype("float32")

# always channels first, no data_format switch
conv = torch.nn.Conv2d(3, 4, 3, bias=False)
with torch.no_grad():
    conv.weight.copy_(torch.from_numpy(kernel))

with torch.no_grad():
    # Channels-last input: permute to (N, C, H, W) and back.
    x_last = torch.from_numpy(image_nhwc)
    out_last = conv(x_last.permute(0, 3, 1, 2)).permute(0, 2, 3, 1).numpy()
    print("channels-last  in", tuple(x_last.shape), "-> out", out_last.shape)

    # Channels-first input: the PyTorch default, used as is.
    x_first = x_last.permute(0, 3, 1, 2)
    out_first = conv(x_first).numpy()
    print("channels-first in", tuple(x_first.shape), "-> out", out_first.shape)

print(
    "same numbers in both layouts:",
    np.allclose(out_first.transpose(0, 2, 3, 1), out_last, atol=1e-5),
)
print("first pixel, 4 output channels:", [f"{v:.8g}" for v in out_last[0, 0, 0, :]])
