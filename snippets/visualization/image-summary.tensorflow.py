# title: Log an image, then decode the stored PNG and check its pixels
import numpy as np
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

# An 8x12 RGB gradient as uint8, so neither framework rescales or rounds it.
rows, cols = np.mgrid[0:8, 0:12]
image = np.stack([rows * 32, cols * 21, np.full_like(rows, 128)], axis=-1).astype(
    "uint8"
)

writer = tf.summary.create_file_writer("logs/tensorflow")
with writer.as_default():
    tf.summary.image("inputs/gradient", image[None], step=0)  # NHWC batch of one
writer.close()

events = EventAccumulator("logs/tensorflow", size_guidance={"tensors": 0})
events.Reload()
event = events.Tensors("inputs/gradient")[0]
# TF2 stores [width, height, png bytes...] as a string tensor.
width, height, png = tf.make_ndarray(event.tensor_proto)[:3]
pixels = tf.io.decode_png(png).numpy()
print(f"stored: {int(width)}x{int(height)} PNG, {png[:4]!r}")
print("decoded shape (H, W, C):", pixels.shape)
print("round trip exact:", bool((pixels == image).all()))
print("top-left, bottom-right:", pixels[0, 0].tolist(), pixels[-1, -1].tolist())
