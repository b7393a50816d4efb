# title: Compile the same forward pass (XLA, torch.compile): the same numbers as eager
import numpy as np
import torch

rng = np.random.RandomState(0)
w1 = torch.from_numpy((0.1 * rng.normal(size=(16, 32))).astype("float32"))
w2 = torch.from_numpy((0.1 * rng.normal(size=(32, 4))).astype("float32"))
x = torch.from_numpy(rng.normal(size=(8, 16)).astype("float32"))


def forward(x):
    return torch.softmax(torch.tanh(x @ w1) @ w2, dim=-1)


eager = forward(x)
compiled = torch.compile(
    forward
)  # TorchDynamo captures, Inductor generates C++ for the CPU
out = compiled(x)
print("row 0:", " ".join(f"{v:.8g}" for v in out[0].tolist()))
print("row 7:", " ".join(f"{v:.8g}" for v in out[7].tolist()))
print("compiled within 1e-6 of eager:", bool((out - eager).abs().max() < 1e-6))
