# title: Merging LoRA adapters back into the base weights for serving
# tolerance: 1e-5 abs 1e-5 (float32 through two attention blocks; the frameworks sum in different orders)
# --- setup: imports, corpus, tokenizer, the tiny GPT and its shared weights ---
import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import random

import keras
import numpy as np
from keras import ops
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

random.seed(0)
SUBJECTS = ["the cat", "the dog", "a bird", "my friend", "the robot"]
VERBS = ["sees", "likes", "follows", "finds", "draws"]
OBJECTS = ["the ball", "a tree", "the river", "a red box", "the moon"]
corpus = [
    f"{random.choice(SUBJECTS)} {random.choice(VERBS)} {random.choice(OBJECTS)}."
    for _ in range(300)
]

# A byte-level BPE tokenizer trained on that text; the same file serves both frameworks.
tokenizer = Tokenizer(models.BPE())
tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
tokenizer.decoder = decoders.ByteLevel()
tokenizer.train_from_iterator(
    corpus,
    trainers.BpeTrainer(
        vocab_size=330,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    ),
)

# The config, and weights drawn once with NumPy in the GPT-2 layout (kernels are (in,
# out)).
CFG = dict(
    vocab_size=tokenizer.get_vocab_size(),
    n_positions=32,
    n_embd=32,
    n_layer=2,
    n_head=4,
)
V, P, D = CFG["vocab_size"], CFG["n_positions"], CFG["n_embd"]
rng = np.random.RandomState(0)
W = {
    "wte": rng.normal(0, 0.3, (V, D)),
    "wpe": rng.normal(0, 0.3, (P, D)),
    "ln_f.g": 1 + rng.normal(0, 0.1, D),
    "ln_f.b": rng.normal(0, 0.1, D),
}
for i in range(CFG["n_layer"]):
    for name, shape in [
        ("ln_1.g", D),
        ("ln_1.b", D),
        ("c_attn.w", (D, 3 * D)),
        ("c_attn.b", 3 * D),
        ("attn_proj.w", (D, D)),
        ("attn_proj.b", D),
        ("ln_2.g", D),
        ("ln_2.b", D),
        ("c_fc.w", (D, 4 * D)),
        ("c_fc.b", 4 * D),
        ("mlp_proj.w", (4 * D, D)),
        ("mlp_proj.b", D),
    ]:
        W[f"h{i}.{name}"] = (1 if name.endswith(".g") else 0) + rng.normal(
            0, 0.3 if ".w" in name else 0.1, shape
        )
W = {k: v.astype("float32") for k, v in W.items()}


class Block(keras.layers.Layer):
    """One GPT-2 block: pre-norm causal self-attention, then a tanh-GELU MLP."""

    def __init__(self, d, heads, **kwargs):
        super().__init__(**kwargs)
        self.heads, self.hd = heads, d // heads
        self.ln_1 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.c_attn = keras.layers.Dense(3 * d)
        self.attn_proj = keras.layers.Dense(d)
        self.ln_2 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.c_fc = keras.layers.Dense(4 * d)
        self.mlp_proj = keras.layers.Dense(d)

    def call(self, x, past=None):
        b, t = ops.shape(x)[0], ops.shape(x)[1]

        def split(
            z,
        ):  # (batch, positions, width) -> (batch, heads, positions, head size)
            return ops.transpose(
                ops.reshape(z, (b, t, self.heads, self.hd)), (0, 2, 1, 3)
            )

        q, k, v = (split(z) for z in ops.split(self.c_attn(self.ln_1(x)), 3, axis=-1))
        if past is not None:  # the KV cache: keys and values of earlier positions
            k, v = (
                ops.concatenate([past[0], k], axis=2),
                ops.concatenate([past[1], v], axis=2),
            )
        total = ops.shape(k)[2]
        scores = ops.matmul(q, ops.transpose(k, (0, 1, 3, 2))) / float(np.sqrt(self.hd))
        causal = ops.arange(total)[None, :] <= ops.arange(total - t, total)[:, None]
        weights = ops.softmax(ops.where(causal, scores, -1e9), axis=-1)
        y = ops.reshape(ops.transpose(ops.matmul(weights, v), (0, 2, 1, 3)), (b, t, -1))
        x = x + self.attn_proj(y)
        x = x + self.mlp_proj(
            keras.activations.gelu(self.c_fc(self.ln_2(x)), approximate=True)
        )
        return x, (k, v)


class TinyGPT(keras.Model):
    """GPT-2 from a config dict; the output layer reuses the token embedding."""

    def __init__(self, cfg):
        super().__init__()
        self.wte = keras.layers.Embedding(cfg["vocab_size"], cfg["n_embd"])
        self.wpe = keras.layers.Embedding(cfg["n_positions"], cfg["n_embd"])
        self.blocks = [
            Block(cfg["n_embd"], cfg["n_head"]) for _ in range(cfg["n_layer"])
        ]
        self.ln_f = keras.layers.LayerNormalization(epsilon=1e-5)

    def call(self, ids, past=None):
        start = 0 if past is None else ops.shape(past[0][0])[2]
        x = self.wte(ids) + self.wpe(ops.arange(start, start + ops.shape(ids)[1]))[None]
        cache = []
        for i, block in enumerate(self.blocks):
            x, kv = block(x, None if past is None else past[i])
            cache.append(kv)
        return ops.matmul(self.ln_f(x), ops.transpose(self.wte.embeddings)), cache


model = TinyGPT(CFG)
model(np.zeros((1, 1), "int32"))  # build the weights
model.wte.embeddings.assign(W["wte"])
model.wpe.embeddings.assign(W["wpe"])
model.ln_f.gamma.assign(W["ln_f.g"])
model.ln_f.beta.assign(W["ln_f.b"])
for i, block in enumerate(model.blocks):
    for norm in ("ln_1", "ln_2"):
        getattr(block, norm).gamma.assign(W[f"h{i}.{norm}.g"])
        getattr(block, norm).beta.assign(W[f"h{i}.{norm}.b"])
    for dense in ("c_attn", "attn_proj", "c_fc", "mlp_proj"):
        getattr(block, dense).kernel.assign(W[f"h{i}.{dense}.w"])
        getattr(block, dense).bias.assign(W[f"h{i}.{dense}.b"])

prompt = np.array([tokenizer.encode("the cat sees").ids])
lora = [
    (
        np.random.RandomState(1 + i).normal(0, 0.3, (D, 4)).astype("float32"),
        np.random.RandomState(11 + i).normal(0, 0.3, (4, 3 * D)).astype("float32"),
    )  # as if trained
    for i in range(CFG["n_layer"])
]
# --- end setup ---

base_count = model.count_params()
for (a, b), block in zip(lora, model.blocks):
    block.c_attn.enable_lora(rank=4)
    block.c_attn.lora_kernel_a.assign(a)
    block.c_attn.lora_kernel_b.assign(b)
adapted = ops.convert_to_numpy(model(prompt)[0])
print("parameters: base", base_count, "with adapters", model.count_params())

# Keras merges the adapters into the kernels when it saves; load into a model without
# LoRA.
model.save_weights("merged.weights.h5")
merged_model = TinyGPT(CFG)
merged_model(np.zeros((1, 1), "int32"))
merged_model.load_weights("merged.weights.h5")
merged = ops.convert_to_numpy(merged_model(prompt)[0])
print("parameters after merging:", merged_model.count_params())
print(
    "merged output equals adapted output (atol 1e-5):",
    bool(np.allclose(merged, adapted, rtol=0, atol=1e-5)),
)
print("adapted logits:", " ".join(f"{v:.8g}" for v in adapted[0, -1, :4]))
