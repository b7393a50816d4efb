# title: The digits data set into identical shuffled batches in both frameworks
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()  # bundled with scikit-learn: no download
features = (digits.data / 16.0).astype("float32")
labels = digits.target.astype("int64")

# One NumPy generator decides the order, so both frameworks see the same batches.
# (shuffle(seed=...) would not do: tf.data and PyTorch use different generators.)
rng = np.random.RandomState(0)
for epoch in (1, 2):
    order = rng.permutation(
        len(features)
    )  # a fresh order each epoch, same in both halves
    dataset = (
        tf.data.Dataset.from_tensor_slices(order)
        .map(lambda i: (tf.gather(features, i), tf.gather(labels, i)))
        .batch(64)
    )
    sizes, checksum = [], 0.0
    for number, (x, y) in enumerate(dataset):
        sizes.append(int(x.shape[0]))
        checksum += (number + 1) * float(tf.reduce_sum(x)) + float(tf.reduce_sum(y))
        if number == 0:
            print(
                f"epoch {epoch} first batch: x {tuple(x.shape)} {x.dtype.name},"
                f" y {tuple(y.shape)} {y.dtype.name}"
            )
            print(f"epoch {epoch} first labels:", y.numpy()[:12].tolist())
    print(
        f"epoch {epoch}: {len(sizes)} batches, last has {sizes[-1]},"
        f" order checksum {checksum:.2f}"
    )
