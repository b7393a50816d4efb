# title: Max pooling with padding="same": pad with -inf, and compute the amounts for odd sizes too
import math

import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(0)


def same_padding(size, kernel, stride):
    """TensorFlow's 'same': total padding for this size; the odd pixel goes after."""
    total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def summary(label, out):
    out = out.permute(0, 2, 3, 1).numpy()  # NCHW -> NHWC, as Keras prints it
    print(
        f"{label:34s} shape {out.shape[1]}x{out.shape[2]}  sum {out.sum():.8g}  "
        f"corner {out[0, -1, -1, 0]:.8g}"
    )


for size in (180, 45, 23):  # the sizes a 180x180 input reaches: 180 -> 90 -> 45 -> 23
    # mostly negative activations (after batch norm, before ReLU): here the padding
    # value matters
    x = torch.from_numpy(
        (rng.normal(size=(1, size, size, 1)) - 2.0).astype("float32")
    ).permute(0, 3, 1, 2)
    before, after = same_padding(size, 3, 2)
    # -inf: TensorFlow's max pooling never picks a padded position
    same = F.max_pool2d(
        F.pad(x, (before, after, before, after), value=float("-inf")), 3, 2
    )
    summary(f"{size}: 'same' max pooling", same)
    # the zero-pad recipe for convolutions, applied to pooling: one zero row and column
    # after
    zero = F.max_pool2d(F.pad(x, (0, 1, 0, 1)), 3, 2)
    if zero.shape == same.shape:
        print(
            f"{size}: zero pad (0, 1) instead: largest difference "
            f"{(zero - same).abs().max().item():.8g}"
        )
    else:
        print(
            f"{size}: zero pad (0, 1) instead: shape {zero.shape[2]}x{zero.shape[3]}, "
            f"not {same.shape[2]}x{same.shape[3]}"
        )
