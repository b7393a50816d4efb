# title: BatchNorm momentum means opposite things: Keras 0.99 keeps old statistics, PyTorch 0.1 takes new ones
import numpy as np
import tensorflow as tf

x = np.random.RandomState(0).normal(5.0, 2.0, size=(16, 3)).astype("float32")
print("batch mean:", [f"{v:.8g}" for v in x.mean(axis=0)])

rows = [
    ("Keras default", tf.keras.layers.BatchNormalization()),
    # Keras momentum = weight of the OLD running value, so PyTorch's 0.1 becomes 0.9.
    ("PyTorch default", tf.keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)),
]
for label, bn in rows:
    bn(x, training=True)  # one training step updates the running statistics
    print(
        f"{label:15s} weight on old stats {bn.momentum:.2f}: running mean",
        [f"{v:.8g}" for v in bn.moving_mean.numpy()],
    )
