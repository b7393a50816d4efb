# title: A framework runs the loop: Keras fit and PyTorch Lightning give the plain loop's losses
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


loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

# 1. The plain loop, written out.
model = fresh_model()
optimizer = keras.optimizers.SGD(learning_rate=0.1)
plain = []
for epoch in range(3):
    losses = []
    for start in range(0, len(x), 64):
        with tf.GradientTape() as tape:
            loss = loss_fn(
                y[start : start + 64], model(x[start : start + 64], training=True)
            )
        optimizer.apply(
            tape.gradient(loss, model.trainable_variables), model.trainable_variables
        )
        losses.append(float(loss))
    plain.append(np.mean(losses))

# 2. The same training, with the loop run by Keras.
model = fresh_model()
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=loss_fn)
history = model.fit(x, y, batch_size=64, epochs=3, shuffle=False, verbose=0)
managed = history.history["loss"]

for epoch, (a, b) in enumerate(zip(plain, managed), start=1):
    print(f"epoch {epoch}: plain loop {a:.8g}, managed loop {b:.8g}")
print(
    "largest difference below 1e-6:",
    bool(np.max(np.abs(np.subtract(plain, managed))) < 1e-6),
)
