# title: TF32: TensorFlow lets Ampere+ GPUs round float32 matmul inputs by default, PyTorch does not
import numpy as np
import tensorflow as tf


def on_off(flag):
    return "on" if flag else "off"


# Read on a CPU build: this flag only acts on NVIDIA Ampere or newer GPUs.
# One flag covers matmuls and convolutions.
tf_default = tf.config.experimental.tensor_float_32_execution_enabled()
# The fix that gives PyTorch's default for matmuls:
tf.config.experimental.enable_tensor_float_32_execution(False)
fixed = tf.config.experimental.tensor_float_32_execution_enabled()
print(f"TF32 in float32 matmuls, TensorFlow's default:  {on_off(tf_default)}")
print(f"TF32 in float32 matmuls, PyTorch's default:     {on_off(fixed)}")
print(f"TF32 in float32 cuDNN convolutions, by default: {on_off(tf_default)}")


def to_tf32(x):
    """Round float32 to TF32's 10 mantissa bits (nearest), as the tensor cores read
    it.
    """
    bits = tf.bitcast(x, tf.int32)
    return tf.bitcast((bits + 0x1000) & ~0x1FFF, tf.float32)


x = tf.constant([1.0001])[0]
print(f"float32 {float(x.numpy()):.10g} as TF32 sees it: {float(to_tf32(x)):.10g}")
rng = np.random.default_rng(0)
a, b = (tf.constant(rng.normal(size=(256, 256)), tf.float32) for _ in "ab")
f64 = tf.float64
exact = tf.cast(a, f64) @ tf.cast(b, f64)
tf32 = tf.cast(to_tf32(a), f64) @ tf.cast(to_tf32(b), f64)
error = (tf.reduce_max(tf.abs(tf32 - exact)) / tf.reduce_mean(tf.abs(exact))).numpy()
print(f"256x256 matmul with TF32 inputs: max error / mean |result| = {error:.8g}")
