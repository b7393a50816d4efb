# title: Training: model.fit versus an explicit loop, same data and start weights, same losses
import numpy as np
import keras
from sklearn.datasets import load_digits

# --- setup: the same digits data and starting weights in both halves ---
# Same data and the same initial weights in both halves (generated with NumPy).
digits = load_digits()
x = (digits.data[:1792] / 16.0).astype("float32")  # 1792 = 28 full batches of 64
y = digits.target[:1792].astype("int64")
rng = np.random.RandomState(0)
w1, b1 = rng.normal(0, 0.1, (64, 32)).astype("float32"), np.zeros(32, "float32")
w2, b2 = rng.normal(0, 0.1, (32, 10)).astype("float32"), np.zeros(10, "float32")
# --- end setup ---

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.set_weights([w1, b1, w2, b2])  # Dense kernels are (in, out)

# compile + fit own the loop: batching, gradients, the update and the metrics.
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.1),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = model.fit(x, y, batch_size=64, epochs=3, shuffle=False, verbose=0)

for epoch, (loss, acc) in enumerate(
    zip(history.history["loss"], history.history["accuracy"]), start=1
):
    print(f"epoch {epoch}: loss={loss:.8g} accuracy={acc:.8g}")
