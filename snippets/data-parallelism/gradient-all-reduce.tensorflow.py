# title: Each replica computes a gradient on its half of the batch; all-reduce averages them
"""MirroredStrategy on one machine: two replicas on two logical CPU devices."""

# --- setup: imports and a print helper ---
import numpy as np
import tensorflow as tf


def r8(values):
    """Round to 8 decimals for printing, so both frameworks print the same text."""
    return [round(float(v), 8) for v in np.ravel(values)]
# --- end setup ---


# Split the one physical CPU into two logical devices. This must run before
# TensorFlow initialises its devices, i.e. before any other TF call.
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    cpu,
    [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()],
)
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
print("replicas:", strategy.num_replicas_in_sync)

# --- setup: the same data and weight as the PyTorch half ---
rng = np.random.RandomState(0)
x = rng.normal(size=(8, 3)).astype("float32")
y = rng.normal(size=(8, 1)).astype("float32")
w0 = rng.normal(size=(3, 1)).astype("float32")
# --- end setup ---

with strategy.scope():
    w = tf.Variable(w0)  # a MirroredVariable: one copy per device

# A global batch of 8 is split into 4 examples per replica.
batches = strategy.experimental_distribute_dataset(
    tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
)


@tf.function
def distributed_gradients(batch):
    def replica_fn(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(
                tf.square(xb @ w - yb)
            )  # mean over this replica's half
        local = tape.gradient(loss, w)
        averaged = tf.distribute.get_replica_context().all_reduce(
            tf.distribute.ReduceOp.MEAN, local
        )
        return local, averaged

    return strategy.run(replica_fn, args=batch)


local, averaged = distributed_gradients(next(iter(batches)))
locals_ = strategy.experimental_local_results(local)
averaged_ = strategy.experimental_local_results(averaged)
for r in range(2):
    print(f"replica {r} local gradient:    ", r8(locals_[r].numpy()))
for r in range(2):
    print(f"replica {r} after all-reduce:  ", r8(averaged_[r].numpy()))

# Reference: one device, the whole batch.
w_single = tf.Variable(w0)
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(x @ w_single - y))
full = tape.gradient(loss, w_single).numpy()
print("one device, full batch:     ", r8(full))
diff = max(float(np.abs(a.numpy() - full).max()) for a in averaged_)
print("all-reduced == full batch:", diff < 1e-6)
