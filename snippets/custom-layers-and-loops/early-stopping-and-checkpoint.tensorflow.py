# title: Callbacks: stop early on a stalled validation loss and keep the best checkpoint
# --- setup: imports, noisy digits data and shared starting weights ---
import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()
x = (digits.data / 16.0).astype("float32")
y = digits.target.astype("int64")
rng = np.random.RandomState(0)
x_train, y_train, x_val, y_val = x[:128], y[:128].copy(), x[1000:1400], y[1000:1400]
noisy = rng.rand(128) < 0.5
y_train[noisy] = rng.randint(
    0, 10, noisy.sum()
)  # half the training labels are noise: it overfits
weights = [
    rng.normal(0, 0.1, (64, 64)).astype("float32"),
    np.zeros(64, "float32"),
    rng.normal(0, 0.1, (64, 10)).astype("float32"),
    np.zeros(10, "float32"),
]
# --- end setup ---

model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.set_weights(weights)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss=loss_fn)

callbacks = [
    keras.callbacks.EarlyStopping(
        monitor="val_loss", mode="min", min_delta=0.0, patience=3
    ),
    keras.callbacks.ModelCheckpoint(
        "best.weights.h5",
        monitor="val_loss",
        mode="min",
        save_best_only=True,
        save_weights_only=True,
    ),
]
history = model.fit(
    x_train,
    y_train,
    batch_size=64,
    epochs=60,
    shuffle=False,
    verbose=0,
    validation_data=(x_val, y_val),
    validation_batch_size=len(x_val),
    callbacks=callbacks,
)

val = history.history["val_loss"]
print("val loss by epoch:", " ".join(f"{v:.8g}" for v in val))
print("epochs run before stopping:", len(val))
print("best epoch:", int(np.argmin(val)) + 1, f"val loss {min(val):.8g}")
model.load_weights("best.weights.h5")
print(
    "reloaded checkpoint val loss: "
    f"{float(loss_fn(y_val, model.predict(x_val, verbose=0))):.8g}"
)
