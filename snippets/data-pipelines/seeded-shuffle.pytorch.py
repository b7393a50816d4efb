# title: Seeded shuffling: the same seed, different random number generators
# differs: tf.data and torch.Generator use different random number generators, so seed 0 gives each its own order
import torch
from torch.utils.data import DataLoader

dataset = list(
    range(10)
)  # anything with __len__ and __getitem__ is a map-style dataset

# shuffle=True draws a full permutation of the indices each epoch from the generator.
loader = DataLoader(
    dataset, batch_size=None, shuffle=True, generator=torch.Generator().manual_seed(0)
)
for epoch in (1, 2):
    print(f"epoch {epoch}:", [int(x) for x in loader])

# Reproducible from run to run: a new generator with the same seed repeats the order.
again = DataLoader(
    dataset, batch_size=None, shuffle=True, generator=torch.Generator().manual_seed(0)
)
print("rebuilt, epoch 1:", [int(x) for x in again])

# There is no shuffle buffer: a RandomSampler permutes the whole index range at once.
print("sampler:", type(again.sampler).__name__)
