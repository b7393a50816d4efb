# title: Resizing images: tf.image.resize and F.interpolate agree once the corner and nearest-neighbour conventions match
import numpy as np
import torch
import torch.nn.functional as F

ramp = torch.arange(16, dtype=torch.float32).reshape(1, 1, 4, 4)  # NCHW
noise = torch.from_numpy(
    np.random.default_rng(0).random((1, 8, 8, 1)).astype("float32")
).permute(0, 3, 1, 2)


def show(label, image):
    row = image[0, 0, 0].numpy()  # first row, NCHW
    print(f"{label:34s}", " ".join(f"{v:.8g}" for v in row))


# align_corners=False is the default: half-pixel centres, like TF2
show("bilinear 4->6", F.interpolate(ramp, size=(6, 6), mode="bilinear"))
show(
    "bilinear 4->6, align corners",
    F.interpolate(ramp, size=(6, 6), mode="bilinear", align_corners=True),
)
show("bilinear 8->3, no antialias", F.interpolate(noise, size=(3, 3), mode="bilinear"))
show(
    "bilinear 8->3, antialias",
    F.interpolate(noise, size=(3, 3), mode="bilinear", antialias=True),
)
# TF2's "nearest" is "nearest-exact"; plain "nearest" is TF1's legacy rule
show("nearest 4->6", F.interpolate(ramp, size=(6, 6), mode="nearest-exact"))
show("legacy nearest 4->6", F.interpolate(ramp, size=(6, 6), mode="nearest"))
