# title: Log a histogram of the same weights at two steps and read the buckets back
import numpy as np
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

weights = np.random.RandomState(0).normal(size=1000).astype("float32")

writer = tf.summary.create_file_writer("logs/tensorflow")
with writer.as_default():
    for step, scale in enumerate(
        (1.0, 0.5)
    ):  # e.g. weights shrinking under weight decay
        tf.summary.histogram("dense/kernel", weights * scale, step=step, buckets=30)
writer.close()

events = EventAccumulator("logs/tensorflow", size_guidance={"tensors": 0})
events.Reload()
for event in events.Tensors("dense/kernel"):
    # A TF2 histogram is a tensor, one row per bucket: [left, right, count].
    buckets = tf.make_ndarray(event.tensor_proto)
    counts = buckets[:, 2].astype(int)
    print(
        f"step {event.step}: n={counts.sum()} min={buckets[0, 0]:.8g} "
        f"max={buckets[-1, 1]:.8g} buckets={len(counts)}"
    )
    print("  counts:", counts.tolist())
