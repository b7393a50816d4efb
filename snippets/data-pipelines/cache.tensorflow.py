# title: Caching an expensive per-element step so the second epoch skips it
import tensorflow as tf

calls = {"decode": 0}


def slow_decode(x):
    """Stands in for decoding a file: counts how often it really runs."""
    calls["decode"] += 1
    return x * 2


def decode(x):
    # py_function runs plain Python (and its side effects) inside the pipeline.
    return tf.py_function(slow_decode, [x], tf.int64)


# cache() after the expensive map: epoch 1 fills the cache, later epochs read from it.
dataset = tf.data.Dataset.range(6).map(decode).cache().batch(3)
for epoch in (1, 2):
    batches = [b.numpy().tolist() for b in dataset]
    print(f"epoch {epoch}: {batches}, decode calls so far: {calls['decode']}")

# Without cache() the work is repeated every epoch.
calls["decode"] = 0
uncached = tf.data.Dataset.range(6).map(decode).batch(3)
for _epoch in (1, 2):
    list(uncached)
print("without a cache, calls after 2 epochs:", calls["decode"])
