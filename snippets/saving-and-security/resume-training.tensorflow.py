# title: Checkpoint mid-training, resume, and get exactly the uninterrupted losses
"""A .keras file holds weights AND optimizer state (here: SGD momentum), so fit()
resumes exactly.
"""

# --- setup: imports, data and shared starting weights ---
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
x = rng.normal(size=(32, 4)).astype("float32")
y = rng.normal(size=(32, 1)).astype("float32")
initial = [
    rng.normal(size=(4, 8)).astype("float32") * 0.5,
    np.zeros(8, "float32"),
    rng.normal(size=(8, 1)).astype("float32") * 0.5,
    np.zeros(1, "float32"),
]
# --- end setup ---


def build():
    model = tf.keras.Sequential(
        [
            tf.keras.Input((4,)),
            tf.keras.layers.Dense(8, activation="tanh"),
            tf.keras.layers.Dense(1),
        ]
    )
    model.set_weights(initial)
    model.compile(
        optimizer=tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), loss="mse"
    )
    return model


def fit(model, epochs):
    """Epoch losses: the mean of the batch losses, 4 batches of 8 per epoch."""
    return model.fit(
        x, y, batch_size=8, epochs=epochs, shuffle=False, verbose=0
    ).history["loss"]


straight = fit(build(), 6)

first = build()
part1 = fit(first, 3)
first.save(
    "checkpoint.keras"
)  # weights + optimizer variables (momentum buffers, iteration count)
del first
resumed = tf.keras.models.load_model("checkpoint.keras")
part2 = fit(resumed, 3)

weights_only = build()  # same weights as the checkpoint, but a fresh optimizer
weights_only.set_weights(tf.keras.models.load_model("checkpoint.keras").get_weights())
part2_fresh = fit(weights_only, 3)

print("uninterrupted:         ", [f"{v:.8g}" for v in straight])
print("3 + checkpoint + 3:    ", [f"{v:.8g}" for v in part1 + part2])
print(
    "resumed == uninterrupted:", np.allclose(part1 + part2, straight, rtol=0, atol=1e-6)
)
print("weights only, epochs 4-6:", [f"{v:.8g}" for v in part2_fresh], "(momentum lost)")
