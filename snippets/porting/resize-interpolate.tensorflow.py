# title: Resizing images: tf.image.resize and F.interpolate agree once the corner and nearest-neighbour conventions match
import numpy as np
import tensorflow as tf

ramp = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)  # NHWC
noise = np.random.default_rng(0).random((1, 8, 8, 1)).astype("float32")


def show(label, image):
    row = np.asarray(image)[0, 0, :, 0]  # first row, NHWC
    print(f"{label:34s}", " ".join(f"{v:.8g}" for v in row))


# TF2 default: half-pixel centres (TF1's half_pixel_centers=True)
show("bilinear 4->6", tf.image.resize(ramp, (6, 6), method="bilinear"))
# align_corners only exists in the TF1 API
show(
    "bilinear 4->6, align corners",
    tf.compat.v1.image.resize(ramp, (6, 6), align_corners=True),
)
show("bilinear 8->3, no antialias", tf.image.resize(noise, (3, 3), method="bilinear"))
show(
    "bilinear 8->3, antialias",
    tf.image.resize(noise, (3, 3), method="bilinear", antialias=True),
)
show("nearest 4->6", tf.image.resize(ramp, (6, 6), method="nearest"))
# TF1's default nearest: no half-pixel offset
show("legacy nearest 4->6", tf.compat.v1.image.resize(ramp, (6, 6), method="nearest"))
