# title: One tokenizer for both frameworks, trained here on generated text
import random

import tensorflow as tf
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

print("vocabulary size:", tokenizer.get_vocab_size())
encoding = tokenizer.encode("the robot draws a red box.")
print("tokens:", encoding.tokens)
print("ids:", encoding.ids)
print("decoded:", repr(tokenizer.decode(encoding.ids)))
tokenizer.save(
    "tokenizer.json"
)  # one JSON file, loaded the same way next to either framework
reloaded = Tokenizer.from_file("tokenizer.json")
print(
    "reloaded file gives the same ids:",
    reloaded.encode("the robot draws a red box.").ids == encoding.ids,
)

reloaded.enable_padding(pad_id=0)
batch = reloaded.encode_batch(
    ["the cat sees the moon.", "my friend follows the river and the cat."]
)
ids = tf.constant([e.ids for e in batch])  # the framework only sees integer tensors
mask = tf.constant([e.attention_mask for e in batch])
print("batch:", tuple(ids.shape), "padded positions:", int(tf.reduce_sum(1 - mask)))
