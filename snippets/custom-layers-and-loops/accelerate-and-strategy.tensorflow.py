# title: One loop for any device count: a tf.distribute strategy and Hugging Face Accelerate
# --- setup: imports, the digits data and the model with shared starting weights ---
import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()
x = (digits.data[:1792] / 16.0).astype("float32")  # 28 full batches of 64
y = digits.target[:1792].astype("int64")


def fresh_model():
    rng = np.random.RandomState(0)
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10),
        ]
    )
    model.set_weights(
        [
            rng.normal(0, 0.1, (64, 32)).astype("float32"),
            np.zeros(32, "float32"),
            rng.normal(0, 0.1, (32, 10)).astype("float32"),
            np.zeros(10, "float32"),
        ]
    )
    return model
# --- end setup ---


def train(strategy):
    """The same loop body runs on one CPU or on every GPU the strategy lists."""
    per_example = keras.losses.SparseCategoricalCrossentropy(
        from_logits=True, reduction=None
    )
    with strategy.scope():  # variables are created (mirrored) under the strategy
        model = fresh_model()
        optimizer = keras.optimizers.SGD(learning_rate=0.1)

    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.nn.compute_average_loss(
                per_example(yb, model(xb, training=True)), global_batch_size=64
            )
        optimizer.apply(
            tape.gradient(loss, model.trainable_variables), model.trainable_variables
        )
        return loss

    batches = strategy.experimental_distribute_dataset(
        tf.data.Dataset.from_tensor_slices((x, y)).batch(64)
    )
    epochs = []
    for _ in range(3):
        losses = [
            strategy.reduce("SUM", strategy.run(step, args=batch), axis=None)
            for batch in batches
        ]
        epochs.append(float(np.mean(losses)))
    return epochs


plain = train(
    tf.distribute.get_strategy()
)  # the default strategy: a plain single-device loop
prepared = train(
    tf.distribute.MirroredStrategy(["/cpu:0"])
)  # list GPUs here to use them
print("replicas:", tf.distribute.MirroredStrategy(["/cpu:0"]).num_replicas_in_sync)
for epoch, (a, b) in enumerate(zip(plain, prepared), start=1):
    print(f"epoch {epoch}: plain loop {a:.8g}, prepared loop {b:.8g}")
print(
    "largest difference below 1e-6:",
    bool(np.max(np.abs(np.subtract(plain, prepared))) < 1e-6),
)
