# title: BatchNorm running variance: Keras tracks the biased batch variance, PyTorch the unbiased one
# differs: PyTorch stores the batch variance divided by n-1, Keras divided by n; neither layer has an option to switch
# same: ^batch variance
import numpy as np
import torch

# small batch: n = 4
x = np.random.RandomState(0).normal(0.0, 2.0, size=(4, 2)).astype("float32")
print("batch variance /n    :", [f"{v:.8g}" for v in x.var(axis=0)])
print("batch variance /(n-1):", [f"{v:.8g}" for v in x.var(axis=0, ddof=1)])

bn = torch.nn.BatchNorm1d(2, momentum=1.0)  # momentum 1: keep only the latest batch
bn(torch.from_numpy(x))
print("running variance kept:", [f"{v:.8g}" for v in bn.running_var.numpy()])
