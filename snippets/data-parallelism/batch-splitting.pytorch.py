# title: Which examples each replica sees: how the input is split between replicas
# differs: tf.distribute cuts each global batch into contiguous slices; DistributedSampler deals indices round-robin and its batch size is per process
# same: ^step (\d+) (?:replica|rank) (\d+): \[\d+, \d+, \d+, \d+\]$
"""DistributedSampler gives each process its own share of the dataset's indices.

The sampler is pure index arithmetic, so both ranks can be shown from one
process here; in real training each process builds only its own (rank=its rank).
"""

import torch
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

examples = TensorDataset(
    torch.arange(16)
)  # stand-in for 16 training examples: their indices
print("DataLoader batch size: 4 (per process) ->", 4 * 2, "global with 2 processes")

loaders = [
    DataLoader(
        examples,
        batch_size=4,  # batch_size is PER PROCESS
        sampler=DistributedSampler(examples, num_replicas=2, rank=rank, shuffle=False),
    )
    for rank in range(2)
]
for step, batches in enumerate(zip(*loaders)):
    for rank, (batch,) in enumerate(batches):
        print(f"step {step} rank {rank}:", batch.tolist())

# With shuffle=True every rank shuffles with the same seed and epoch, then takes
# its own stride, so the shares stay disjoint; call set_epoch() each epoch.
shares = []
for rank in range(2):
    sampler = DistributedSampler(
        examples, num_replicas=2, rank=rank, shuffle=True, seed=0
    )
    sampler.set_epoch(0)
    shares.append(set(sampler))
print(
    "shuffled shares disjoint:",
    shares[0].isdisjoint(shares[1]),
    "| cover all 16:",
    len(shares[0] | shares[1]) == 16,
)
