# title: Loading batches in parallel keeps their order
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

data = np.arange(40, dtype="float32").reshape(20, 2)


class Doubled(Dataset):
    def __len__(self):
        return len(data)

    def __getitem__(self, i):  # stands in for decoding or augmenting one sample
        return torch.from_numpy(data[i] * 2.0)


if (
    __name__ == "__main__"
):  # worker processes re-import this file on spawn-based platforms
    # Two worker processes build whole batches; batches come back in order.
    loader = DataLoader(Doubled(), batch_size=8, num_workers=2, prefetch_factor=2)
    for i, batch in enumerate(loader):
        print(
            f"batch {i}: size {len(batch)}, first row {batch[0].tolist()}, sum "
            f"{float(batch.sum()):.1f}"
        )
