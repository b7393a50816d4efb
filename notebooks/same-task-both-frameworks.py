# %% [markdown]
# # Same task, both frameworks
#
# One small image classifier, built twice: once with Keras on TensorFlow, once with PyTorch.
# Every step below has a Keras cell followed by a PyTorch cell that does the same job, so you
# can compare them line by line.
#
# **Result:** both reach at least 95% test accuracy on scikit-learn's bundled digits
# (asserted in a cell), each in well under a minute on 2 CPU cores. The code differs mostly in
# who owns the training loop: Keras' `fit()` runs it for you, PyTorch asks you to write it.
#
# Nothing is downloaded: the data ships with scikit-learn. Download this notebook with the
# link at the top of the page and run it with TensorFlow, PyTorch, scikit-learn and
# matplotlib installed.

# %% [markdown]
# ## Shared setup
#
# The data preparation is plain NumPy and scikit-learn, so both frameworks train and test on
# exactly the same arrays. The digits are 8x8 grey images with values 0-16; we scale them to
# 0-1 and keep a validation split for the training curves and a test split for the final score.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
from matplotlib_inline.backend_inline import set_matplotlib_formats
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

# small, sharp figures in the page
set_matplotlib_formats("svg", metadata={"Date": None})
plt.rcParams.update({"svg.fonttype": "none", "font.size": 9})

SEED = 0
EPOCHS = 10
BATCH = 32

digits = load_digits()
x = (digits.images / 16.0).astype("float32")  # (N, 8, 8), values in [0, 1]
y = digits.target.astype("int64")
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.2, stratify=y, random_state=SEED)
x_train, x_val, y_train, y_val = train_test_split(
    x_train, y_train, test_size=0.2, stratify=y_train, random_state=SEED)
print("train", x_train.shape, "val", x_val.shape, "test", x_test.shape)

# %% [markdown]
# ## Input pipeline
#
# Keras reads a `tf.data.Dataset`; PyTorch reads a `DataLoader` over a `TensorDataset`.
# The layout differs: Keras convolutions expect channels **last** `(N, H, W, C)`, PyTorch
# convolutions expect channels **first** `(N, C, H, W)`.

# %%
import keras
import tensorflow as tf

keras.utils.set_random_seed(SEED)
tf.config.experimental.enable_op_determinism()  # same numbers on every run


def tf_dataset(images, labels, shuffle):
    # add C last
    ds = tf.data.Dataset.from_tensor_slices((images[..., None], labels))
    if shuffle:
        ds = ds.shuffle(len(images), seed=SEED)
    return ds.batch(BATCH).prefetch(tf.data.AUTOTUNE)


tf_train = tf_dataset(x_train, y_train, shuffle=True)
tf_val = tf_dataset(x_val, y_val, shuffle=False)
tf_test = tf_dataset(x_test, y_test, shuffle=False)
print("Keras batch:", next(iter(tf_train))[0].shape)

# %%
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(SEED)
torch.set_num_threads(1)  # one thread: a fixed order of floating-point sums
torch.use_deterministic_algorithms(True)


def torch_loader(images, labels, shuffle):
    # add C first
    data = TensorDataset(torch.from_numpy(images[:, None]), torch.from_numpy(labels))
    return DataLoader(data, batch_size=BATCH, shuffle=shuffle,
                      generator=torch.Generator().manual_seed(SEED))


torch_train = torch_loader(x_train, y_train, shuffle=True)
torch_val = torch_loader(x_val, y_val, shuffle=False)
torch_test = torch_loader(x_test, y_test, shuffle=False)
print("PyTorch batch:", next(iter(torch_train))[0].shape)

# %% [markdown]
# ## A small CNN
#
# Two 3x3 convolutions, one 2x2 max-pool, two dense layers. Both models output raw scores
# (logits) and leave the softmax to the loss. Same architecture, so the same parameter count.
# Keras infers each layer's input size from the `Input`; PyTorch wants `in_channels` and
# `in_features` spelled out.

# %%
keras_model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
    keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(10),
])
print("Keras parameters:", keras_model.count_params())

# %%
torch_model = nn.Sequential(
    nn.Conv2d(1, 32, 3, padding="same"), nn.ReLU(),
    nn.Conv2d(32, 64, 3, padding="same"), nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(64 * 4 * 4, 128), nn.ReLU(),
    nn.Linear(128, 10),
)
print("PyTorch parameters:", sum(p.numel() for p in torch_model.parameters()))

# %% [markdown]
# ## Training
#
# Adam with learning rate 1e-3 and cross-entropy on logits, 10 epochs of batches of 32, on both
# sides. Keras: `compile()` then `fit()`, which returns the per-epoch history. PyTorch: you
# write the epoch loop, switch between `train()` and `eval()` modes, and collect the history
# yourself.

# %%
keras_model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
start = time.perf_counter()
# shuffle=False: the Dataset already reshuffles every epoch
# (fit's own shuffle only applies to arrays)
history = keras_model.fit(
    tf_train, validation_data=tf_val, epochs=EPOCHS, shuffle=False, verbose=0
)
print(f"Keras: trained {EPOCHS} epochs in {time.perf_counter() - start:.1f} s")
keras_curves = {
    "train loss": history.history["loss"],
    "val accuracy": history.history["val_accuracy"],
}
print(f"final train loss {history.history['loss'][-1]:.2f}, "
      f"val accuracy {history.history['val_accuracy'][-1]:.4f}")

# %%
optimizer = torch.optim.Adam(torch_model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()  # takes logits, like from_logits=True


def accuracy(model, loader):
    model.eval()
    with torch.no_grad():
        correct = sum((model(xb).argmax(1) == yb).sum().item() for xb, yb in loader)
    return correct / len(loader.dataset)


torch_curves = {"train loss": [], "val accuracy": []}
start = time.perf_counter()
for _epoch in range(EPOCHS):
    torch_model.train()
    total = 0.0
    for xb, yb in torch_train:
        optimizer.zero_grad()
        loss = loss_fn(torch_model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    torch_curves["train loss"].append(total / len(torch_train.dataset))
    torch_curves["val accuracy"].append(accuracy(torch_model, torch_val))
print(f"PyTorch: trained {EPOCHS} epochs in {time.perf_counter() - start:.1f} s")
print(f"final train loss {torch_curves['train loss'][-1]:.2f}, "
      f"val accuracy {torch_curves['val accuracy'][-1]:.4f}")

# %% [markdown]
# ## Evaluation
#
# Predictions on the held-out test split. The assertion makes the notebook fail (and the
# site's tests with it) if either model drops below 95%.

# %%
keras_pred = keras_model.predict(tf_test, verbose=0).argmax(axis=1)
keras_acc = float((keras_pred == y_test).mean())
print(f"Keras test accuracy: {keras_acc:.4f}")
assert keras_acc >= 0.95, keras_acc

# %%
torch_model.eval()
with torch.no_grad():
    torch_pred = torch.cat([torch_model(xb).argmax(1) for xb, _ in torch_test]).numpy()
torch_acc = float((torch_pred == y_test).mean())
print(f"PyTorch test accuracy: {torch_acc:.4f}")
assert torch_acc >= 0.95, torch_acc

# %% [markdown]
# ## Training curves
#
# The two runs start from different random weights and see batches in a different order, so
# the curves are similar, not identical.

# %%
fig, axes = plt.subplots(1, 2, figsize=(7, 2.6))
epochs = range(1, EPOCHS + 1)
for ax, metric in zip(axes, ["train loss", "val accuracy"], strict=True):
    ax.plot(epochs, keras_curves[metric], label="Keras")
    ax.plot(epochs, torch_curves[metric], label="PyTorch", linestyle="--")
    ax.set(title=metric, xlabel="epoch")
    ax.grid(alpha=0.3)
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Confusion matrices
#
# Rows are true digits, columns are predictions; off-diagonal numbers are mistakes.

# %%
fig, axes = plt.subplots(1, 2, figsize=(7, 3.3))
for ax, (name, pred) in zip(
    axes, [("Keras", keras_pred), ("PyTorch", torch_pred)], strict=True
):
    cm = confusion_matrix(y_test, pred)
    ax.imshow(cm, cmap="Blues")
    for (i, j), n in np.ndenumerate(cm):
        if n:
            colour = "white" if n > cm.max() / 2 else "black"
            ax.text(j, i, n, ha="center", va="center", fontsize=7, color=colour)
    ax.set(
        title=f"{name} (test accuracy {(pred == y_test).mean():.3f})",
        xlabel="predicted",
        ylabel="true",
        xticks=range(10),
        yticks=range(10),
    )
fig.tight_layout()
plt.show()

# %% [markdown]
# ## What differed
#
# | Step | Keras | PyTorch |
# | --- | --- | --- |
# | Image layout | channels last `(N, 8, 8, 1)` | channels first `(N, 1, 8, 8)` |
# | Input pipeline | `tf.data.Dataset` chain | `DataLoader` over a `Dataset` |
# | Layer sizes | inferred from `keras.Input` | `in_channels` / `in_features` given |
# | Logits loss | `SparseCategoricalCrossentropy(from_logits=True)` | `CrossEntropyLoss()` (always logits) |
# | Training loop | `fit()` with a history | hand-written loop, `train()` / `eval()` modes |
# | Inference | `predict()` | `eval()` + `torch.no_grad()` |
#
# Layer defaults that differ (initialisation, padding, batch-norm momentum and epsilon) are
# collected on [Layer defaults that differ](../topics/layer-defaults.md). To move a trained
# model from one framework to the other, see [Port a trained model across](port-a-trained-model.ipynb).

# %% [markdown]
# ## Checks
#
# The figures this tutorial states, in one place and rounded to what is stable from run to
# run. The site's tests check that the recorded values still satisfy these asserts, and a
# fresh run must print the same.

# %%
metrics = {"keras_test_accuracy": round(keras_acc, 4), "torch_test_accuracy": round(torch_acc, 4)}
print(metrics)
assert metrics["keras_test_accuracy"] >= 0.95, metrics
assert metrics["torch_test_accuracy"] >= 0.95, metrics
