# title: BatchNorm momentum means opposite things: Keras 0.99 keeps old statistics, PyTorch 0.1 takes new ones
import numpy as np
import torch

x = np.random.RandomState(0).normal(5.0, 2.0, size=(16, 3)).astype("float32")
print("batch mean:", [f"{v:.8g}" for v in x.mean(axis=0)])

rows = [
    # PyTorch momentum = weight of the NEW batch value, so Keras's 0.99 becomes 0.01.
    ("Keras default", torch.nn.BatchNorm1d(3, momentum=0.01, eps=1e-3)),
    ("PyTorch default", torch.nn.BatchNorm1d(3)),
]
for label, bn in rows:
    # modules start in training mode: this updates the running statistics
    bn(torch.from_numpy(x))
    print(
        f"{label:15s} weight on old stats {1 - bn.momentum:.2f}: running mean",
        [f"{v:.8g}" for v in bn.running_mean.numpy()],
    )
