# title: Adam on an embedding: with a token repeated in the batch, Keras on TensorFlow and PyTorch move its row differently
# differs: Keras' default update of the repeated token's row is what this pair exposes; the other rows and the dense-gradient update must match
# same: ^token (1|3) \(once\)
# same: ^token 2 \(twice\), dense gradient
# tolerance: 1e-5 (Keras computes Adam's bias correction 1 - 0.999 in float32, PyTorch in Python floats)
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
table = rng.normal(0, 0.1, (5, 3)).astype("float32")
tokens = np.array([[1, 2, 2, 3]])  # token 2 appears twice
target = rng.normal(size=(1, 4, 3)).astype("float32")
LR = 0.01


def step(dense):
    """One Adam step from the same table; epsilon tiny so that only the gradient's form
    matters.
    """
    emb = keras.layers.Embedding(5, 3)
    emb.build((None, 4))
    emb.set_weights([table])
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((emb(tokens) - target) ** 2)
    grad = tape.gradient(
        loss, emb.embeddings
    )  # IndexedSlices: one slice per occurrence
    if dense:
        grad = tf.convert_to_tensor(grad)  # sums the two slices of token 2 first
    keras.optimizers.Adam(LR, epsilon=1e-10).apply([grad], [emb.embeddings])
    return emb.get_weights()[0] - table, grad


def row(values):
    return " ".join(f"{v:.8g}" for v in values)


moved, _ = step(dense=True)
print(f"token 1 (once):                  {row(moved[1])}")
print(f"token 3 (once):                  {row(moved[3])}")
print(f"token 2 (twice), dense gradient: {row(moved[2])}")
moved, slices = step(dense=False)
print(f"token 2 (twice), Keras default:  {row(moved[2])}")
# Adam's second moment got g1^2 + g2^2 (each occurrence squared) instead of (g1 + g2)^2
g1, g2 = np.asarray(slices.values)[1], np.asarray(slices.values)[2]
print(
    "-lr * (g1 + g2) / sqrt(g1^2 + g2^2): "
    f"{row(-LR * (g1 + g2) / np.sqrt(g1**2 + g2**2))}"
)
