# title: Greedy generation with a KV cache, checked against generation without one
# --- setup: imports, corpus, tokenizer, GPT-2 and its shared weights ---
import random

import numpy as np
import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GPT2Config, GPT2LMHeadModel

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

config = GPT2Config(
    **CFG,
    activation_function="gelu_new",
    layer_norm_epsilon=1e-5,
    bos_token_id=None,
    eos_token_id=None,
    resid_pdrop=0.0,
    embd_pdrop=0.0,
    attn_pdrop=0.0,
)
model = GPT2LMHeadModel(config).eval()  # built from the config: no download
state = {
    "transformer.wte.weight": W["wte"],
    "transformer.wpe.weight": W["wpe"],
    "lm_head.weight": W["wte"],
    "transformer.ln_f.weight": W["ln_f.g"],
    "transformer.ln_f.bias": W["ln_f.b"],
}
NAMES = {
    "ln_1.g": "ln_1.weight",
    "ln_1.b": "ln_1.bias",
    "ln_2.g": "ln_2.weight",
    "ln_2.b": "ln_2.bias",
    "c_attn.w": "attn.c_attn.weight",
    "c_attn.b": "attn.c_attn.bias",
    "attn_proj.w": "attn.c_proj.weight",
    "attn_proj.b": "attn.c_proj.bias",
    "c_fc.w": "mlp.c_fc.weight",
    "c_fc.b": "mlp.c_fc.bias",
    "mlp_proj.w": "mlp.c_proj.weight",
    "mlp_proj.b": "mlp.c_proj.bias",
}
for i in range(CFG["n_layer"]):
    state.update(
        {f"transformer.h.{i}.{ours}": W[f"h{i}.{key}"] for key, ours in NAMES.items()}
    )
model.load_state_dict(
    {k: torch.from_numpy(v) for k, v in state.items()}
)  # GPT-2 Conv1D is (in, out) too
# --- end setup ---

prompt = torch.tensor([tokenizer.encode("the dog").ids])
kwargs = dict(
    max_new_tokens=8, do_sample=False, pad_token_id=0, return_dict_in_generate=True
)
out = model.generate(
    prompt, use_cache=True, **kwargs
)  # a DynamicCache grows one position per step
cached = out.sequences[0].tolist()
uncached = model.generate(prompt, use_cache=False, **kwargs).sequences[0].tolist()
print("generated ids:", cached[prompt.shape[1] :])
print(
    "generated tokens:", [tokenizer.id_to_token(i) for i in cached[prompt.shape[1] :]]
)
print("with and without the cache agree:", cached == uncached)
print(
    "cached keys per layer:",
    tuple(out.past_key_values.layers[0].keys.shape),
    "(batch, heads, positions, head size)",
)
