# title: The basic pipeline: source, per-element transform, batches
import torch
from torch.utils.data import DataLoader, Dataset


class Squares(Dataset):
    """A map-style dataset: __len__ and __getitem__ (the per-element work)."""

    def __init__(self, values):
        self.values = values

    def __len__(self):
        return len(self.values)

    def __getitem__(self, index):
        return self.values[index] * self.values[index]


dataset = Squares(torch.arange(10, dtype=torch.int32))  # int32 to match tf.range
print("element type:", str(dataset[0].dtype).removeprefix("torch."))

for batch in DataLoader(dataset, batch_size=4):  # the last batch is short by default
    print("batch:", batch.tolist())

print(
    "drop the short batch:",
    [b.tolist() for b in DataLoader(dataset, batch_size=4, drop_last=True)],
)
print("number of elements:", len(dataset))
