# title: Image layout: Keras expects channels last (N, H, W, C), PyTorch channels first (N, C, H, W)
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
image_nhwc = rng.rand(1, 5, 5, 3).astype("float32")  # the same image in both scripts
# (out, in, kh, kw): one neutral copy of the weights
kernel = rng.rand(4, 3, 3, 3).astype("float32")

# default data_format="channels_last"
conv = tf.keras.layers.Conv2D(4, 3, use_bias=False)
conv.build((None, 5, 5, 3))
conv.set_weights([kernel.transpose(2, 3, 1, 0)])  # Keras stores (kh, kw, in, out)

# Channels-last input: the Keras default, used as is.
out_last = conv(image_nhwc).numpy()
print("channels-last  in", image_nhwc.shape, "-> out", out_last.shape)

# Channels-first input: transpose to NHWC and back. (data_format="channels_first"
# exists, but TensorFlow's CPU convolution kernel only implements NHWC.)
image_nchw = image_nhwc.transpose(0, 3, 1, 2)
out_first = tf.transpose(
    conv(tf.transpose(image_nchw, (0, 2, 3, 1))), (0, 3, 1, 2)
).numpy()
print("channels-first in", image_nchw.shape, "-> out", out_first.shape)

print(
    "same numbers in both layouts:",
    np.allclose(out_first.transpose(0, 2, 3, 1), out_last, atol=1e-5),
)
print("first pixel, 4 output channels:", [f"{v:.8g}" for v in out_last[0, 0, 0, :]])
