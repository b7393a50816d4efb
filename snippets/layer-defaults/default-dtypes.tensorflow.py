# title: Default dtypes: a Python int becomes int32 in TensorFlow and int64 in PyTorch; float64 NumPy arrays stay float64 in both
import numpy as np
import tensorflow as tf


def show(label, t):
    print(f"{label:32s} dtype {t.dtype.name:8s} value {t.numpy().tolist()}")


# TensorFlow picks int32
show("int literal, TensorFlow default", tf.constant(2**31 - 1))
show("int literal, PyTorch default", tf.constant(2**31 - 1, dtype=tf.int64))
# int32 arithmetic wraps around silently at 2**31.
show("int32: (2**31 - 1) + 1", tf.constant(2**31 - 1, dtype=tf.int32) + 1)
show("int64: (2**31 - 1) + 1", tf.constant(2**31 - 1, dtype=tf.int64) + 1)
show("Python float", tf.constant(0.1))
show("NumPy float64 array", tf.constant(np.array([0.1])))  # NumPy's dtype wins
show("NumPy float64 array, float32", tf.constant(np.array([0.1]), dtype=tf.float32))
