# title: Three training steps with different data per replica: the weight copies stay identical
"""A custom training loop under MirroredStrategy, written the way the TF guide does
it.
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
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])

# --- setup: the same data and weights as the PyTorch half ---
rng = np.random.RandomState(0)
x = rng.normal(size=(24, 3)).astype("float32")
y = rng.normal(size=(24, 1)).astype("float32")
k1 = rng.normal(size=(3, 4)).astype("float32") * 0.5
k2 = rng.normal(size=(4, 1)).astype("float32") * 0.5
# --- end setup ---
GLOBAL_BATCH = 8

with strategy.scope():  # variables created here are mirrored on both devices
    model = tf.keras.Sequential(
        [
            tf.keras.Input((3,)),
            tf.keras.layers.Dense(4, activation="tanh", use_bias=False),
            tf.keras.layers.Dense(1, use_bias=False),
        ]
    )
    model.set_weights([k1, k2])
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)

dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(GLOBAL_BATCH)
batches = iter(strategy.experimental_distribute_dataset(dataset))


@tf.function
def train_step(batch):
    def replica_fn(xb, yb):
        with tf.GradientTape() as tape:
            per_example = tf.reduce_mean(tf.square(model(xb) - yb), axis=1)
            # Divide by the GLOBAL batch size: replicas' gradients are then SUMMED.
            loss = tf.nn.compute_average_loss(
                per_example, global_batch_size=GLOBAL_BATCH
            )
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(
            zip(grads, model.trainable_variables)
        )  # all-reduce happens here
        return loss

    per_replica = strategy.run(replica_fn, args=batch)
    return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)


for step in range(1, 4):
    loss = train_step(next(batches))
    # The output layer's kernel, one copy per device:
    copies = [
        c.numpy()
        for c in strategy.experimental_local_results(model.layers[1].kernel.value)
    ]
    print(f"step {step} loss {float(loss):.8g}")
    for r, copy in enumerate(copies):
        print(f"  replica {r} output weights:", r8(copy))
    print("  copies bit-identical:", all(np.array_equal(copies[0], c) for c in copies))
