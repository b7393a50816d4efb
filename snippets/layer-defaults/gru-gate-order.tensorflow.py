# title: GRU weights: Keras orders the gates (z, r, h), PyTorch (r, z, n); copying blocks as is fails silently
# tolerance: 1e-6 abs 2e-7 (float32 recurrent steps round differently in each framework)
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
n_in, hidden = 3, 2
x = rng.normal(size=(1, 4, n_in)).astype("float32")  # (batch, time, features)
# One neutral copy of the weights, in PyTorch's layout: gate blocks r, z, n.
w_ih = rng.normal(size=(3 * hidden, n_in)).astype("float32")
w_hh = rng.normal(size=(3 * hidden, hidden)).astype("float32")
b_ih = rng.normal(size=3 * hidden).astype("float32")
b_hh = rng.normal(size=3 * hidden).astype("float32")

# reset_after=True (the Keras 2.x+ default) is the variant PyTorch implements; with
# reset_after=False
# the layer has a single (3h,) bias and set_weights below would reject the (2, 3h) bias.
gru = tf.keras.layers.GRU(hidden)
gru.build((None, 4, n_in))


def last_h(order):
    def blocks(a):  # reorder gate blocks along the first axis
        return np.concatenate([a[i * hidden : (i + 1) * hidden] for i in order])

    # Keras: kernel (in, 3h), recurrent_kernel (h, 3h), bias (2, 3h) = [input bias,
    # recurrent bias].
    gru.set_weights(
        [blocks(w_ih).T, blocks(w_hh).T, np.stack([blocks(b_ih), blocks(b_hh)])]
    )
    return [f"{v:.8g}" for v in gru(x).numpy()[0]]


# (r, z, n) -> (z, r, h)
print("blocks reordered (correct)     : h_T =", last_h([1, 0, 2]))
print("blocks copied as is (r/z swap) : h_T =", last_h([0, 1, 2]))
