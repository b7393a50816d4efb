# title: Dense kernel is (in, out), Linear weight is (out, in): a square layer copied without transposing runs and is wrong
import numpy as np
import tensorflow as tf

x = np.array([[1.0, 2.0, 3.0]], dtype="float32")
# the layer's math: y = x @ weight.T
weight = np.arange(9, dtype="float32").reshape(3, 3)
bias = np.zeros(3, dtype="float32")
# what PyTorch's Linear stores: (out, in)
exported = weight

dense = tf.keras.layers.Dense(3)
dense.build((None, 3))  # Keras kernel shape (in, out): y = x @ kernel + bias
for label, kernel in (
    ("converted with .T (correct)", exported.T),
    ("copied as is (wrong)", exported),
):
    dense.set_weights([kernel, bias])  # a square matrix fits either way: no error
    print(f"{label:28s}: y = {dense(x).numpy()[0].tolist()}")
print(f"{'reference x @ weight.T':28s}: y = {(x @ weight.T)[0].tolist()}")
