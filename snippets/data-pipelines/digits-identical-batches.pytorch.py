# title: The digits data set into identical shuffled batches in both frameworks
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset

digits = load_digits()  # bundled with scikit-learn: no download
features = torch.tensor(digits.data / 16.0, dtype=torch.float32)
labels = torch.tensor(digits.target, dtype=torch.int64)
dataset = TensorDataset(features, labels)

# One NumPy generator decides the order, so both frameworks see the same batches.
# (shuffle=True with a seeded torch.Generator would not do: a different generator.)
rng = np.random.RandomState(0)
for epoch in (1, 2):
    order = rng.permutation(
        len(dataset)
    )  # a fresh order each epoch, same in both halves
    loader = DataLoader(
        dataset, batch_size=64, sampler=order.tolist()
    )  # any iterable of indices is a sampler
    sizes, checksum = [], 0.0
    for number, (x, y) in enumerate(loader):
        sizes.append(int(x.shape[0]))
        checksum += (number + 1) * float(x.sum()) + float(y.sum())
        if number == 0:
            dtypes = [str(t.dtype).removeprefix("torch.") for t in (x, y)]
            print(
                f"epoch {epoch} first batch: x {tuple(x.shape)} {dtypes[0]},"
                f" y {tuple(y.shape)} {dtypes[1]}"
            )
            print(f"epoch {epoch} first labels:", y.numpy()[:12].tolist())
    print(
        f"epoch {epoch}: {len(sizes)} batches, last has {sizes[-1]},"
        f" order checksum {checksum:.2f}"
    )
