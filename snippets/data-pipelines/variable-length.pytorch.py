# title: Variable-length sequences: ragged tensors and padded_batch versus pad_sequence
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

sequences = [[5, 3, 8], [2, 7], [9], [4, 1, 6, 2]]

# torch.nested (ragged) is a prototype; the usual idiom is a list of 1-D tensors.
rows = [torch.tensor(s) for s in sequences]
print("row lengths:", [len(r) for r in rows])
print("sum of each row (no padding involved):", [int(r.sum()) for r in rows])
print(
    "padded whole set:", pad_sequence(rows, batch_first=True, padding_value=0).tolist()
)


def pad_collate(batch):
    """Pad each batch to its own longest sequence and return the true lengths."""
    lengths = torch.tensor([len(s) for s in batch])
    return pad_sequence(batch, batch_first=True, padding_value=0), lengths


for padded, lengths in DataLoader(rows, batch_size=2, collate_fn=pad_collate):
    mask = torch.arange(padded.shape[1])[None, :] < lengths[:, None]
    print("batch:", padded.tolist(), "lengths:", lengths.tolist())
    print("  mask:", mask.int().tolist())
