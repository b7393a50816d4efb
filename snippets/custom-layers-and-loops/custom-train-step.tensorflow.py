# title: Your own training step: Keras train_step inside fit, and a plain PyTorch loop
import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # train_step below uses tf.GradientTape

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

# --- setup: the digits data and shared starting weights ---
digits = load_digits()
x = (digits.data[:1792] / 16.0).astype("float32")  # 28 full batches of 64
y = digits.target[:1792].astype("int64")
rng = np.random.RandomState(0)
weights = [
    rng.normal(0, 0.1, (64, 32)).astype("float32"),
    np.zeros(32, "float32"),
    rng.normal(0, 0.1, (32, 10)).astype("float32"),
    np.zeros(10, "float32"),
]
# --- end setup ---
CLIP = 0.25  # per-tensor gradient norm limit; it is hit in this run


class StepModel(keras.Sequential):
    """fit() still runs the epochs, batching and callbacks; the step is ours."""

    def __init__(self, layers):
        super().__init__(layers)
        self.loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        self.loss_mean = keras.metrics.Mean(name="loss")

    def train_step(self, data):
        xb, yb = data
        with tf.GradientTape() as tape:
            loss = self.loss_fn(yb, self(xb, training=True))
        grads = tape.gradient(loss, self.trainable_variables)
        grads = [
            tf.clip_by_norm(g, CLIP) for g in grads
        ]  # a change compile() has no option for
        self.optimizer.apply(grads, self.trainable_variables)
        self.loss_mean.update_state(loss)
        return {"loss": self.loss_mean.result()}

    @property
    def metrics(self):  # listed here so fit() resets the mean at each epoch
        return [self.loss_mean]


model = StepModel(
    [
        keras.Input((64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.set_weights(weights)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1))
history = model.fit(x, y, batch_size=64, epochs=3, shuffle=False, verbose=0)
for epoch, loss in enumerate(history.history["loss"], start=1):
    print(f"epoch {epoch}: mean loss {loss:.8g}")
