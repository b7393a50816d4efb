# title: Loading batches in parallel keeps their order
import numpy as np
import tensorflow as tf

data = np.arange(40, dtype="float32").reshape(20, 2)


def expensive(row):  # stands in for decoding or augmenting one sample
    return row * 2.0


# Two threads map samples; deterministic (the default) keeps the original order.
ds = (
    tf.data.Dataset.from_tensor_slices(data)
    .map(expensive, num_parallel_calls=2, deterministic=True)
    .batch(8)
    .prefetch(tf.data.AUTOTUNE)
)  # prepares the next batch while the model trains on this one
for i, batch in enumerate(ds):
    print(
        f"batch {i}: size {len(batch)}, first row {batch[0].numpy().tolist()}, sum "
        f"{float(tf.reduce_sum(batch)):.1f}"
    )
