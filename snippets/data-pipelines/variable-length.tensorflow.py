# title: Variable-length sequences: ragged tensors and padded_batch versus pad_sequence
import tensorflow as tf

sequences = [[5, 3, 8], [2, 7], [9], [4, 1, 6, 2]]

# A ragged tensor keeps rows of different lengths without padding.
ragged = tf.ragged.constant(sequences, dtype=tf.int64)
print("row lengths:", ragged.row_lengths().numpy().tolist())
print(
    "sum of each row (no padding involved):",
    tf.reduce_sum(ragged, axis=1).numpy().tolist(),
)
print("padded whole set:", ragged.to_tensor(default_value=0).numpy().tolist())

# In a pipeline: padded_batch pads each batch to its own longest sequence.
dataset = tf.data.Dataset.from_generator(
    lambda: iter(sequences),
    output_signature=tf.TensorSpec(shape=[None], dtype=tf.int64),
)
dataset = dataset.map(lambda s: (s, tf.size(s, out_type=tf.int64)))
for padded, lengths in dataset.padded_batch(
    2, padding_values=(tf.constant(0, tf.int64), tf.constant(0, tf.int64))
):
    mask = tf.sequence_mask(lengths, maxlen=tf.shape(padded)[1])
    print("batch:", padded.numpy().tolist(), "lengths:", lengths.numpy().tolist())
    print("  mask:", mask.numpy().astype(int).tolist())
