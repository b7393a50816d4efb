# title: LSTM weights: same gate order (i, f, c, o), but Keras has one bias where PyTorch has two
import numpy as np
import torch

rng = np.random.RandomState(0)
n_in, hidden = 3, 2
x = rng.normal(size=(1, 4, n_in)).astype("float32")  # (batch, time, features)
# One neutral copy of the weights, in PyTorch's layout: rows are gate blocks i, f,
# g(=c), o.
w_ih = rng.normal(size=(4 * hidden, n_in)).astype("float32")
w_hh = rng.normal(size=(4 * hidden, hidden)).astype("float32")
b_ih = rng.normal(size=4 * hidden).astype("float32")
b_hh = rng.normal(size=4 * hidden).astype("float32")

lstm = torch.nn.LSTM(n_in, hidden, batch_first=True)
# PyTorch weights: weight_ih (8, 3), weight_hh (8, 2), bias_ih (8,), bias_hh (8,): copy_
# checks these shapes.


def last_h(bias_hh):
    with torch.no_grad():
        for name, value in (
            ("weight_ih_l0", w_ih),
            ("weight_hh_l0", w_hh),
            ("bias_ih_l0", b_ih),
            ("bias_hh_l0", bias_hh),
        ):
            getattr(lstm, name).copy_(torch.from_numpy(value))
        _, (h, _) = lstm(torch.from_numpy(x))
    return [f"{v:.8g}" for v in h[0, 0].numpy()]


print("bias = b_ih + b_hh (correct): h_T =", last_h(b_hh))
print("bias = b_ih only   (wrong)  : h_T =", last_h(np.zeros_like(b_hh)))
