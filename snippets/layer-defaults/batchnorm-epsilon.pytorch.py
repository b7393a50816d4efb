# title: BatchNorm epsilon: Keras 1e-3, PyTorch 1e-5, which matters for features with small variance
import numpy as np
import torch

# feature 0 has a tiny variance
x = np.array([[0.01, 1.0], [-0.01, -1.0]], dtype="float32")
# running mean, running variance
stats = [np.zeros(2, "float32"), np.array([1e-4, 1.0], "float32")]

rows = [
    ("Keras default", torch.nn.BatchNorm1d(2, affine=False, eps=1e-3)),
    ("PyTorch default", torch.nn.BatchNorm1d(2, affine=False)),
]
for label, bn in rows:
    bn.running_mean.copy_(torch.from_numpy(stats[0]))
    bn.running_var.copy_(torch.from_numpy(stats[1]))
    bn.eval()  # inference: normalise with the running statistics
    with torch.no_grad():
        y = bn(torch.from_numpy(x)).numpy()
    print(f"{label:15s} epsilon {bn.eps:.0e}: y[0] =", [f"{v:.8g}" for v in y[0]])
