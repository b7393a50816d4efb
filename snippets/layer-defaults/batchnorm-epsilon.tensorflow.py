# title: BatchNorm epsilon: Keras 1e-3, PyTorch 1e-5, which matters for features with small variance
import numpy as np
import tensorflow as tf

# feature 0 has a tiny variance
x = np.array([[0.01, 1.0], [-0.01, -1.0]], dtype="float32")
# running mean, running variance
stats = [np.zeros(2, "float32"), np.array([1e-4, 1.0], "float32")]

rows = [
    ("Keras default", tf.keras.layers.BatchNormalization(center=False, scale=False)),
    (
        "PyTorch default",
        tf.keras.layers.BatchNormalization(center=False, scale=False, epsilon=1e-5),
    ),
]
for label, bn in rows:
    bn.build((None, 2))
    bn.set_weights(stats)
    # inference: normalise with the running statistics
    y = bn(x, training=False).numpy()
    print(f"{label:15s} epsilon {bn.epsilon:.0e}: y[0] =", [f"{v:.8g}" for v in y[0]])
