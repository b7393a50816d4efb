# title: One Keras model, one training run, the same numbers on every backend
# tolerance: 1e-5 abs 1e-6 (float32 training for 84 steps; each backend sums in its own order)
import os

os.environ["KERAS_BACKEND"] = (
    "tensorflow"  # the only line that differs; set before importing keras
)

import keras
import numpy as np
from sklearn.datasets import load_digits

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

model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.set_weights(weights)
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.1),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = model.fit(x, y, batch_size=64, epochs=3, shuffle=False, verbose=0)

for epoch, (loss, acc) in enumerate(
    zip(history.history["loss"], history.history["accuracy"]), start=1
):
    print(f"epoch {epoch}: loss {loss:.8g} accuracy {acc:.8g}")
logits = keras.ops.convert_to_numpy(model.predict(x[:1], verbose=0))[0]
print("logits of sample 0:", " ".join(f"{v:.8g}" for v in logits))
