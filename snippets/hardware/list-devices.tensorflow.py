# title: Listing the devices a process can use
import tensorflow as tf

# Physical devices are what the runtime found; logical devices are what ops can be
# placed on.
physical = tf.config.list_physical_devices()
print("device types found:", sorted({d.device_type for d in physical}))
# NVIDIA and AMD GPUs, and tensorflow-metal on a Mac, all report as "GPU".
gpus = tf.config.list_physical_devices("GPU")
tpus = tf.config.list_logical_devices(
    "TPU"
)  # present only after connecting to a TPU system
print("accelerators:", len(gpus) + len(tpus))
print("device to use:", "GPU" if gpus else "CPU")
