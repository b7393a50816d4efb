# title: Caching an expensive per-element step so the second epoch skips it
import torch
from torch.utils.data import DataLoader, Dataset

calls = {"decode": 0}


def slow_decode(x):
    """Stands in for decoding a file: counts how often it really runs."""
    calls["decode"] += 1
    return x * 2


class Decoded(Dataset):
    """There is no cache() step in torch.utils.data: a Dataset keeps its own."""

    def __init__(self, n, use_cache):
        self.n, self.use_cache, self.cache = n, use_cache, {}

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        if not self.use_cache:
            return slow_decode(torch.tensor(index))
        if index not in self.cache:
            self.cache[index] = slow_decode(torch.tensor(index))
        return self.cache[index]


# num_workers=0: with worker processes each worker would fill its own copy of the cache.
loader = DataLoader(Decoded(6, use_cache=True), batch_size=3)
for epoch in (1, 2):
    batches = [b.tolist() for b in loader]
    print(f"epoch {epoch}: {batches}, decode calls so far: {calls['decode']}")

# Without a cache the work is repeated every epoch.
calls["decode"] = 0
uncached = DataLoader(Decoded(6, use_cache=False), batch_size=3)
for _epoch in (1, 2):
    list(uncached)
print("without a cache, calls after 2 epochs:", calls["decode"])
