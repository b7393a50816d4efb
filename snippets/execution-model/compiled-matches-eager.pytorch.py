# title: Compiled and eager execution give the same numbers
import numpy as np
import torch

rng = np.random.RandomState(0)
x = rng.randn(4, 3).astype("float32")
w = torch.from_numpy(rng.randn(3, 2).astype("float32"))
b = torch.from_numpy(rng.randn(2).astype("float32"))


def mlp(x):
    return torch.tanh(x @ w + b)


eager = mlp(torch.from_numpy(x)).numpy()
graph = torch.compile(mlp, backend="aot_eager")(torch.from_numpy(x)).numpy()
fully = torch.compile(mlp)(torch.from_numpy(x)).numpy()
print("eager:", np.round(eager.astype("float64"), 8).tolist())
print("graph equals eager:", np.allclose(graph, eager, atol=1e-6))
print("fully compiled equals eager:", np.allclose(fully, eager, atol=1e-6))
