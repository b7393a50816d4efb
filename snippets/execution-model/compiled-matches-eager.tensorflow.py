# title: Compiled and eager execution give the same numbers
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
x = rng.randn(4, 3).astype("float32")
w = rng.randn(3, 2).astype("float32")
b = rng.randn(2).astype("float32")


def mlp(x):
    return tf.tanh(x @ w + b)


eager = mlp(tf.constant(x)).numpy()
graph = tf.function(mlp)(tf.constant(x)).numpy()  # graph, no XLA
fully = tf.function(mlp, jit_compile=True)(tf.constant(x)).numpy()
print("eager:", np.round(eager.astype("float64"), 8).tolist())
print("graph equals eager:", np.allclose(graph, eager, atol=1e-6))
print("fully compiled equals eager:", np.allclose(fully, eager, atol=1e-6))
