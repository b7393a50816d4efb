# title: Adam on an embedding: with a token repeated in the batch, Keras on TensorFlow and PyTorch move its row differently
# differs: Keras' default update of the repeated token's row is what this pair exposes; the other rows and the dense-gradient update must match
# same: ^token (1|3) \(once\)
# same: ^token 2 \(twice\), dense gradient
# tolerance: 1e-5 (Keras computes Adam's bias correction 1 - 0.999 in float32, PyTorch in Python floats)
import numpy as np
import torch

rng = np.random.default_rng(0)
table = rng.normal(0, 0.1, (5, 3)).astype("float32")
tokens = torch.tensor([[1, 2, 2, 3]])  # token 2 appears twice
target = torch.from_numpy(rng.normal(size=(1, 4, 3)).astype("float32"))
LR = 0.01

emb = torch.nn.Embedding(
    5, 3
)  # sparse=False: the gradient is a dense table, token 2's two rows summed
with torch.no_grad():
    emb.weight.copy_(torch.from_numpy(table))
opt = torch.optim.Adam(
    emb.parameters(), LR, eps=1e-10
)  # eps tiny so that only the gradient's form matters
((emb(tokens) - target) ** 2).mean().backward()
opt.step()
moved = emb.weight.detach().numpy() - table


def row(values):
    return " ".join(f"{v:.8g}" for v in values)


print(f"token 1 (once):                  {row(moved[1])}")
print(f"token 3 (once):                  {row(moved[3])}")
print(f"token 2 (twice), dense gradient: {row(moved[2])}")
