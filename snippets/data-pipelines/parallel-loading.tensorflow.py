# title: Parallel loading: map(num_parallel_calls) and prefetch versus num_workers and collate_fn
import numpy as np
import tensorflow as tf

features = np.arange(24, dtype="float32").reshape(12, 2)


def augment(x):
    """Per-element work that runs in parallel (here: scale and add the row sum)."""
    return tf.concat([x / 10.0, [tf.reduce_sum(x)]], axis=0)


dataset = (
    tf.data.Dataset.from_tensor_slices(features)
    # Up to 2 elements are processed at once by tf.data's own C++ thread pool;
    # deterministic=True (the default) keeps the input order.
    .map(augment, num_parallel_calls=2, deterministic=True)
    # Batching is built in; a batch of same-shape elements is stacked into one tensor.
    .batch(4)
    # Prepare the next batch while the training step consumes this one.
    .prefetch(tf.data.AUTOTUNE)
)

for batch in dataset:
    print(
        "batch shape",
        tuple(batch.shape),
        "first row",
        np.round(batch.numpy()[0].astype(float), 2).tolist(),
    )
