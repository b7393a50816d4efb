# title: Keras 3 runs the same model code on TensorFlow or on PyTorch
# differs: the backend name and the tensor classes behind the Keras variables are what this pair exposes; the training losses match
# same: ^epoch \d+: loss=
import os

os.environ["KERAS_BACKEND"] = "torch"  # must be set before keras is imported

import keras
import numpy as np
from sklearn.datasets import load_digits

# ---- identical Keras code in both halves from here on ----
# --- setup: the digits data and shared starting weights ---
digits = load_digits()
x = (digits.data[:1792] / 16.0).astype("float32")
y = digits.target[:1792].astype("int64")
rng = np.random.RandomState(0)
weights = [
    rng.normal(0, 0.1, (64, 32)).astype("float32"),
    np.zeros(32, "float32"),
    rng.normal(0, 0.1, (32, 10)).astype("float32"),
    np.zeros(10, "float32"),
]
# --- end setup ---

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
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

print("backend:", keras.backend.backend())
kernel = model.layers[0].kernel
print(
    "variable holds:", f"{type(kernel.value).__module__}.{type(kernel.value).__name__}"
)
print(
    "model output is:", f"{type(model(x[:2])).__module__}.{type(model(x[:2])).__name__}"
)
for epoch, loss in enumerate(history.history["loss"], start=1):
    print(f"epoch {epoch}: loss={loss:.8g}")
# ---- end of identical code ----

import torch  # only to show what the model is

print("model is a torch.nn.Module:", isinstance(model, torch.nn.Module))
print(
    "torch optimizers can see its parameters:",
    sum(p.numel() for p in model.parameters()),
)
