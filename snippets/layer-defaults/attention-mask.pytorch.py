# title: Attention masks: in Keras True means attend, in nn.MultiheadAttention True means masked out
import numpy as np
import torch
import torch.nn.functional as F

d = 4
rng = np.random.default_rng(0)
x = torch.tensor(rng.normal(size=(1, 2, d)))  # 2 queries
kv = torch.tensor(rng.normal(size=(1, 3, d)))  # 3 keys, used as values too
# keep[i, j] = True: query i may look at key j.
keep = torch.tensor([[True, True, False], [True, False, False]])

# One head with identity projections: the output is plain softmax attention.
mha = torch.nn.MultiheadAttention(d, num_heads=1, batch_first=True).double()
with torch.no_grad():
    mha.in_proj_weight.copy_(torch.eye(d).repeat(3, 1))
    mha.in_proj_bias.zero_()
    mha.out_proj.weight.copy_(torch.eye(d))
    mha.out_proj.bias.zero_()


def show(label, out):
    print(f"{label:44s} {np.round(out[0, 0].detach().numpy(), 8).tolist()}")


print(f"keep = {keep.tolist()}")
# scaled_dot_product_attention: a boolean attn_mask True = attend, as in Keras.
show("True = attend, mask = keep:", F.scaled_dot_product_attention(x, kv, kv, keep))
# nn.MultiheadAttention: a boolean attn_mask True = masked out.
show("True = masked out, mask = ~keep:", mha(x, kv, kv, attn_mask=~keep)[0])
# The port bug: a Keras-style keep mask passed as is.
show("True = masked out, mask = keep (unflipped):", mha(x, kv, kv, attn_mask=keep)[0])
