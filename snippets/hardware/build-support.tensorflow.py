# title: What this build was compiled to support
import tensorflow as tf

info = (
    tf.sysconfig.get_build_info()
)  # keys depend on the build; CUDA builds add versions
print("CUDA build:", info["is_cuda_build"])
print("ROCm build:", info["is_rocm_build"])
print("CUDA version:", info.get("cuda_version"))
print("cuDNN version:", info.get("cudnn_version"))
print("GPU visible now:", bool(tf.config.list_physical_devices("GPU")))
