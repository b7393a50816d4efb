# title: GELU: exact by default everywhere except keras.ops.gelu, which defaults to the tanh approximation
# differs: each half names its own framework's GELU functions
# same: ^x =
# same: ^exact \(erf\)
# same: ^tanh approximation
# same: ^largest \|exact - tanh\|
# tolerance: 1e-5 (TensorFlow's float64 GELU is about 1e-9 off the erf formula)
import numpy as np
import torch
import torch.nn.functional as F

x = torch.tensor([-3.0, -1.0, -0.5, 0.5, 1.0, 3.0], dtype=torch.float64)
exact = F.gelu(x, approximate="none")
tanh = F.gelu(x, approximate="tanh")
print(f"x = {x.tolist()}")
print(f"exact (erf):        {np.round(exact.numpy(), 8).tolist()}")
print(f"tanh approximation: {np.round(tanh.numpy(), 8).tolist()}")
grid = torch.linspace(-6.0, 6.0, 12001, dtype=torch.float64)
gap = (F.gelu(grid) - F.gelu(grid, approximate="tanh")).abs()
print(
    f"largest |exact - tanh| on [-6, 6]: {gap.max():.8g} at |x| = "
    f"{grid[gap.argmax()].abs():.3g}"
)


def which(label, y):
    name = "exact" if torch.allclose(y, exact, 0, 1e-12) else "tanh"
    print(f"{label:42s} -> {name}")


which("torch.nn.GELU()(x)", torch.nn.GELU()(x))
which("F.gelu(x)", F.gelu(x))
# To match keras.ops.gelu's default:
which('torch.nn.GELU(approximate="tanh")(x)', torch.nn.GELU(approximate="tanh")(x))
