# title: padding="same" with stride 2: Keras pads the extra row and column at the end, a symmetric padding=1 does not match
import numpy as np
import torch
import torch.nn.functional as F

image = torch.arange(36, dtype=torch.float32).reshape(1, 1, 6, 6)  # NCHW, even size 6x6
# 3x3 kernel of ones: each output = window sum
ones = torch.ones(1, 1, 3, 3)


def show(label, out):
    out = out[0, 0].numpy()
    print(f"{label:40s} shape {out.shape}, row 0 {out[0].astype(int).tolist()}")
    return out


show("stride 1, 'same'", F.conv2d(image, ones, stride=1, padding="same"))
# padding="same" is rejected for stride > 1, so pad by hand: (left, right, top, bottom).
keras_same = show(
    "stride 2, 'same' (pad 0 before, 1 after)",
    F.conv2d(F.pad(image, (0, 1, 0, 1)), ones, stride=2),
)
symmetric = show(
    "stride 2, pad 1 before and 1 after", F.conv2d(image, ones, stride=2, padding=1)
)
print("the two stride-2 results match:", np.array_equal(keras_same, symmetric))
