# title: The basic pipeline: source, per-element transform, batches
import tensorflow as tf

# A source (slices of an in-memory tensor), a per-element map, then batches.
dataset = tf.data.Dataset.from_tensor_slices(tf.range(10)).map(lambda x: x * x)
print("element type:", dataset.element_spec.dtype.name)

for batch in dataset.batch(4):  # the last batch is short by default
    print("batch:", batch.numpy().tolist())

print(
    "drop the short batch:",
    [b.numpy().tolist() for b in dataset.batch(4, drop_remainder=True)],
)
print("number of elements:", int(dataset.cardinality()))
