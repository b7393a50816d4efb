# title: bfloat16 mixed precision changes the loss by less than 1%
# differs: bfloat16 kernels round at different points in each framework (third decimal of the bfloat16 loss); the float32 loss and the 1% check match
# same: ^logits dtype
# same: ^float32 loss
# same: ^relative difference
import numpy as np
import torch
from sklearn.datasets import load_digits

TOL = 1e-2  # relative; bfloat16 keeps 8 significant bits, about 2-3 decimal digits
# --- setup: the digits data and a model with the Keras half's weights ---
x, y = load_digits(return_X_y=True)
x = torch.from_numpy((x[:256] / 16.0).astype("float32"))
y = torch.from_numpy(y[:256])
rng = np.random.default_rng(0)
weights = [
    rng.standard_normal((64, 64)).astype("float32") * 0.2,
    np.zeros(64, "float32"),
    rng.standard_normal((64, 10)).astype("float32") * 0.2,
    np.zeros(10, "float32"),
]
model = torch.nn.Sequential(
    torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)
)
with torch.no_grad():  # the same weights as the Keras half (kernels transposed)
    for p, w in zip(model.parameters(), weights):
        p.copy_(torch.from_numpy(w.T if w.ndim == 2 else w))
# --- end setup ---


def loss_with(autocast):
    with torch.autocast(device_type="cpu", dtype=torch.bfloat16, enabled=autocast):
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits, y)
    return str(logits.dtype).removeprefix("torch."), loss.item()


dtype32, loss32 = loss_with(False)
dtype16, loss16 = loss_with(True)
print("logits dtype:", dtype32, "vs", dtype16)
print(f"float32 loss:  {loss32:.6f}")
print(f"bfloat16 loss: {loss16:.3f}")
print(f"relative difference below {TOL:g}:", abs(loss16 - loss32) / loss32 < TOL)
