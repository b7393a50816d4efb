# title: Every accelerator check each framework offers
# differs: each framework has its own set of checks; both report no accelerator on this CPU-only machine
# same: ^accelerators visible:
import tensorflow as tf

print("built with CUDA:", tf.test.is_built_with_cuda())
print("built with ROCm:", tf.test.is_built_with_rocm())
print("built with GPU support:", tf.test.is_built_with_gpu_support())
print("built with XLA:", tf.test.is_built_with_xla())
print("build info keys:", sorted(tf.sysconfig.get_build_info()))
# Apple (tensorflow-metal) and Intel (intel-extension-for-tensorflow) are
# PluggableDevice
# plug-ins: when installed they add devices to this list, under "GPU" or "XPU".
print("physical devices:", [d.device_type for d in tf.config.list_physical_devices()])
print("accelerators visible:", len(tf.config.list_physical_devices("GPU")))
