# title: PyTorch padding=1 at stride 2 is ZeroPadding2D(1) + padding="valid" in Keras, not padding="same"
import keras
import numpy as np

rng = np.random.default_rng(0)
kernel = rng.normal(0, 0.3, (3, 3, 2, 4)).astype("float32")  # (kh, kw, in, out)
x = rng.normal(size=(2, 16, 16, 2)).astype("float32")  # NHWC


def show(label, out):
    out = np.asarray(out)
    print(
        f"{label:38s} shape {out.shape[1:3]}  sum {out.sum():.8g}  first "
        f"{out[0, 0, 0, 0]:.8g}"
    )
    return out


# the port of PyTorch's Conv2d(padding=1, stride=2): pad explicitly, then convolve
# without padding
valid = keras.Sequential(
    [
        keras.Input((16, 16, 2)),
        keras.layers.ZeroPadding2D(1),
        keras.layers.Conv2D(4, 3, strides=2, padding="valid", use_bias=False),
    ]
)
valid.layers[-1].set_weights([kernel])
ported = show("pad 1 each side (PyTorch padding=1)", valid(x))
# the tempting one-liner: padding="same" pads nothing before and one row and column
# after
same = keras.layers.Conv2D(4, 3, strides=2, padding="same", use_bias=False)
same.build((None, 16, 16, 2))
same.set_weights([kernel])
out = show("pad 0 before, 1 after (Keras same)", same(x))
print(f"largest difference from padding=1: {np.abs(out - ported).max():.8g}")
