# title: Two replicas on half-batches train exactly like one replica on the full batch
"""Keras fit() under MirroredStrategy versus fit() on a single device, same data and
weights.
"""

# --- setup: imports and a print helper ---
import numpy as np
import tensorflow as tf


def r8(values):
    """Round to 8 decimals for printing, so both frameworks print the same text."""
    return [round(float(v), 8) for v in np.ravel(values)]
# --- end setup ---


cpu = tf.config.list_physical_devices("CPU")[
    0
]  # logical devices first, before any other TF call
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)

# --- setup: the same data and weights as the PyTorch half ---
rng = np.random.RandomState(0)
x = rng.normal(size=(16, 3)).astype("float32")
y = rng.normal(size=(16, 1)).astype("float32")
k1 = rng.normal(size=(3, 4)).astype("float32") * 0.5
k2 = rng.normal(size=(4, 1)).astype("float32") * 0.5
# --- end setup ---


def train(strategy):
    """Compile and fit the same model under ``strategy``; return epoch losses and
    weights.
    """
    with strategy.scope():
        model = tf.keras.Sequential(
            [
                tf.keras.Input((3,)),
                tf.keras.layers.Dense(4, activation="tanh", use_bias=False),
                tf.keras.layers.Dense(1, use_bias=False),
            ]
        )
        model.set_weights([k1, k2])
        model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    # batch_size is the GLOBAL batch: 8 per step, i.e. 4 per replica with 2 replicas.
    history = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0)
    return history.history["loss"], model.get_weights()


two_losses, two_weights = train(tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"]))
one_losses, one_weights = train(tf.distribute.OneDeviceStrategy("/cpu:0"))

for epoch, (a, b) in enumerate(zip(two_losses, one_losses), start=1):
    print(f"epoch {epoch}: 2 replicas loss {a:.8g} | 1 replica loss {b:.8g}")
print("output weights, 2 replicas:", r8(two_weights[1]))
print("output weights, 1 replica: ", r8(one_weights[1]))
gap = max(float(np.abs(a - b).max()) for a, b in zip(two_weights, one_weights))
print("max weight difference below 1e-6:", gap < 1e-6)
