# title: GRU weights: Keras orders the gates (z, r, h), PyTorch (r, z, n); copying blocks as is fails silently
# tolerance: 1e-6 abs 2e-7 (float32 recurrent steps round differently in each framework)
import numpy as np
import torch

rng = np.random.RandomState(0)
n_in, hidden = 3, 2
x = rng.normal(size=(1, 4, n_in)).astype("float32")  # (batch, time, features)
# One neutral copy of the weights, in PyTorch's layout: gate blocks r, z, n.
w_ih = rng.normal(size=(3 * hidden, n_in)).astype("float32")
w_hh = rng.normal(size=(3 * hidden, hidden)).astype("float32")
b_ih = rng.normal(size=3 * hidden).astype("float32")
b_hh = rng.normal(size=3 * hidden).astype("float32")

# PyTorch applies the reset gate after the recurrent matmul (Keras: reset_after=True);
# no other variant.
gru = torch.nn.GRU(n_in, hidden, batch_first=True)


def last_h(order):
    def blocks(a):  # reorder gate blocks along the first axis
        return np.concatenate([a[i * hidden : (i + 1) * hidden] for i in order])

    with torch.no_grad():
        for name, value in (
            ("weight_ih_l0", w_ih),
            ("weight_hh_l0", w_hh),
            ("bias_ih_l0", b_ih),
            ("bias_hh_l0", b_hh),
        ):
            getattr(gru, name).copy_(torch.from_numpy(blocks(value)))
        _, h = gru(torch.from_numpy(x))
    return [f"{v:.8g}" for v in h[0, 0].numpy()]


# already PyTorch's order
print("blocks reordered (correct)     : h_T =", last_h([0, 1, 2]))
# The same mistake seen from this side: weights exported from Keras (z, r, h) copied
# without reordering.
print("blocks copied as is (r/z swap) : h_T =", last_h([1, 0, 2]))
