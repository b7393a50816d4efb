# title: Attention masks: in Keras True means attend, in nn.MultiheadAttention True means masked out
import keras
import numpy as np

d = 4
rng = np.random.default_rng(0)
x = rng.normal(size=(1, 2, d))  # 2 queries
kv = rng.normal(size=(1, 3, d))  # 3 keys, used as values too
# keep[i, j] = True: query i may look at key j.
keep = np.array([[[True, True, False], [True, False, False]]])

# One head with identity projections: the output is plain softmax attention.
mha = keras.layers.MultiHeadAttention(num_heads=1, key_dim=d, dtype="float64")
mha(x, kv)
eye, zero = np.eye(d).reshape(d, 1, d), np.zeros((1, d))
mha.set_weights([eye, zero] * 3 + [np.eye(d).reshape(1, d, d), np.zeros(d)])


def show(label, out):
    print(f"{label:44s} {np.round(np.asarray(out)[0, 0], 8).tolist()}")


print(f"keep = {keep[0].tolist()}")
# Keras: attention_mask True = attend.
show("True = attend, mask = keep:", mha(x, kv, attention_mask=keep))
# A True = masked-out mask, as nn.MultiheadAttention reads it, is the negation.
masked_out = ~keep
show("True = masked out, mask = ~keep:", mha(x, kv, attention_mask=~masked_out))
# The port bug: keep handed to an API where True means masked out.
show("True = masked out, mask = keep (unflipped):", mha(x, kv, attention_mask=~keep))
