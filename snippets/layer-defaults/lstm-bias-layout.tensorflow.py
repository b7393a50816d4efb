# title: LSTM weights: same gate order (i, f, c, o), but Keras has one bias where PyTorch has two
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
n_in, hidden = 3, 2
x = rng.normal(size=(1, 4, n_in)).astype("float32")  # (batch, time, features)
# One neutral copy of the weights, in PyTorch's layout: rows are gate blocks i, f,
# g(=c), o.
w_ih = rng.normal(size=(4 * hidden, n_in)).astype("float32")
w_hh = rng.normal(size=(4 * hidden, hidden)).astype("float32")
b_ih = rng.normal(size=4 * hidden).astype("float32")
b_hh = rng.normal(size=4 * hidden).astype("float32")

lstm = tf.keras.layers.LSTM(hidden)
lstm.build((None, 4, n_in))
# Keras weights: kernel (3, 8), recurrent_kernel (2, 8), bias (8,): set_weights checks
# these shapes.


def last_h(bias):
    # Same gate order, so no reordering: only transpose (Keras stores (in, 4h)) and pick
    # the bias.
    lstm.set_weights([w_ih.T, w_hh.T, bias])
    return [f"{v:.8g}" for v in lstm(x).numpy()[0]]


print("bias = b_ih + b_hh (correct): h_T =", last_h(b_ih + b_hh))
print("bias = b_ih only   (wrong)  : h_T =", last_h(b_ih))
