# title: padding="same" with stride 2: Keras pads the extra row and column at the end, a symmetric padding=1 does not match
import numpy as np
import tensorflow as tf

image = np.arange(36, dtype="float32").reshape(1, 6, 6, 1)  # NHWC, even size 6x6
# 3x3 kernel of ones: each output = window sum
ones = np.ones((3, 3, 1, 1), dtype="float32")


def conv(x, stride, padding):
    layer = tf.keras.layers.Conv2D(
        1, 3, strides=stride, padding=padding, use_bias=False
    )
    layer.build(x.shape)
    layer.set_weights([ones])
    return layer(x).numpy()[0, :, :, 0]


def show(label, out):
    print(f"{label:40s} shape {out.shape}, row 0 {out[0].astype(int).tolist()}")
    return out


show("stride 1, 'same'", conv(image, 1, "same"))
keras_same = show("stride 2, 'same' (pad 0 before, 1 after)", conv(image, 2, "same"))
# what padding=1 in PyTorch does
padded = tf.keras.layers.ZeroPadding2D(1)(image).numpy()
symmetric = show("stride 2, pad 1 before and 1 after", conv(padded, 2, "valid"))
print("the two stride-2 results match:", np.array_equal(keras_same, symmetric))
