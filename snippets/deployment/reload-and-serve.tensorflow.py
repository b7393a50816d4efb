# title: Export a graph with a serving signature, reload it without the model's Python code, call it
"""SavedModel: the format TF Serving loads. Keras 3 writes it with model.export()."""

import numpy as np
import tensorflow as tf

# --- setup: a small model, its input and the same weights in both halves ---
rng = np.random.RandomState(0)
k1, b1 = (
    rng.normal(size=(4, 8)).astype("float32"),
    rng.normal(size=(8,)).astype("float32"),
)
k2, b2 = (
    rng.normal(size=(8, 3)).astype("float32"),
    rng.normal(size=(3,)).astype("float32"),
)
x = rng.normal(size=(5, 4)).astype("float32")

model = tf.keras.Sequential(
    [
        tf.keras.Input((4,), name="features"),
        tf.keras.layers.Dense(8, activation="tanh"),
        tf.keras.layers.Dense(3),
    ]
)
model.set_weights([k1, b1, k2, b2])
expected = model(x).numpy()
# --- end setup ---

model.export(
    "exported_model", format="tf_saved_model", verbose=False
)  # writes a SavedModel directory
del model  # from here on, no Keras model object exists

loaded = tf.saved_model.load("exported_model")  # no Keras class needed to load
serve = loaded.signatures["serving_default"]  # the signature a serving system calls
spec = serve.structured_input_signature[1]["features"]
print(
    "input: batch x", spec.shape[1], "| batch dimension dynamic:", spec.shape[0] is None
)

out = serve(features=tf.constant(x))["output_0"].numpy()  # outputs come back as a dict
print("row 0:", [round(float(v), 8) for v in out[0]])
print("reloaded == original:", bool(np.allclose(out, expected, atol=1e-6)))
print(
    "batch of 2 -> output shape:",
    list(serve(features=tf.constant(x[:2]))["output_0"].shape),
)
