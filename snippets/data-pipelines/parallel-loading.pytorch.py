# title: Parallel loading: map(num_parallel_calls) and prefetch versus num_workers and collate_fn
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

features = torch.from_numpy(np.arange(24, dtype="float32").reshape(12, 2))


class Augmented(Dataset):
    def __len__(self):
        return len(features)

    def __getitem__(self, index):
        """Per-element work, run in the worker processes (scale, append the row sum)."""
        x = features[index]
        return torch.cat([x / 10.0, x.sum().reshape(1)])


def collate(samples):
    """How a list of samples becomes a batch (the default collate also stacks them)."""
    return torch.stack(samples)


if __name__ == "__main__":  # worker processes may re-import this file
    loader = DataLoader(
        Augmented(),
        batch_size=4,
        # 2 worker processes each build whole batches; results come back in order.
        num_workers=2,
        collate_fn=collate,
        # Each worker keeps 2 batches ready ahead of the training step.
        prefetch_factor=2,
    )
    for batch in loader:
        print(
            "batch shape",
            tuple(batch.shape),
            "first row",
            np.round(batch.numpy()[0].astype(float), 2).tolist(),
        )
