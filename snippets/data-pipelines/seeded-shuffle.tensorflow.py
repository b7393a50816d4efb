# title: Seeded shuffling: the same seed, different random number generators
# differs: tf.data and torch.Generator use different random number generators, so seed 0 gives each its own order
import tensorflow as tf

dataset = tf.data.Dataset.range(10)

# buffer_size >= dataset size: a uniform shuffle, a new order each epoch by default.
shuffled = dataset.shuffle(buffer_size=10, seed=0, reshuffle_each_iteration=True)
for epoch in (1, 2):
    print(f"epoch {epoch}:", [int(x) for x in shuffled])

# The order is reproducible from run to run: rebuilding with the same seed repeats it.
again = dataset.shuffle(buffer_size=10, seed=0)
print("rebuilt, epoch 1:", [int(x) for x in again])

# A small buffer only mixes nearby elements: element 9 cannot come first.
print("buffer_size=2:", [int(x) for x in dataset.shuffle(buffer_size=2, seed=0)])
