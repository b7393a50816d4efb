# title: Which examples each replica sees: how the input is split between replicas
# differs: tf.distribute cuts each global batch into contiguous slices; DistributedSampler deals indices round-robin and its batch size is per process
# same: ^step (\d+) (?:replica|rank) (\d+): \[\d+, \d+, \d+, \d+\]$
"""experimental_distribute_dataset splits every GLOBAL batch between the replicas."""

import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[
    0
]  # logical devices first, before any other TF call
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])

examples = tf.data.Dataset.range(16)  # stand-in for 16 training examples: their indices
global_batches = examples.batch(8)  # batch() takes the GLOBAL batch size
print(
    "dataset batch size: 8 (global) ->",
    8 // strategy.num_replicas_in_sync,
    "per replica",
)

for step, per_replica in enumerate(
    strategy.experimental_distribute_dataset(global_batches)
):
    parts = strategy.experimental_local_results(per_replica)
    for replica, part in enumerate(parts):
        print(f"step {step} replica {replica}:", part.numpy().tolist())
