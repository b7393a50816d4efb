# %% [markdown]
# # Keras 3 on the PyTorch backend
#
# Keras 3 runs on TensorFlow, JAX or PyTorch. This notebook trains a Keras model with the
# **PyTorch** backend and then uses it from plain PyTorch code: as an `nn.Module`, in a
# hand-written training loop, and as a set of `torch` tensors copied into a plain PyTorch model.
#
# **Result:** on this backend a Keras model *is* a `torch.nn.Module` whose weights are
# `torch.nn.Parameter`s, so a PyTorch optimizer and loop can train it directly. Two things do
# not carry over: Keras layers ignore `module.train()` / `module.eval()` (pass `training=`),
# and the weights keep Keras' layouts and names. The saved `.keras` file is backend-neutral:
# a TensorFlow-backend process loads it and predicts the same numbers.
#
# TensorFlow is only needed for the last step. The other tutorials:
# [Same task, both frameworks](same-task-both-frameworks.ipynb) and
# [Port a trained model across](port-a-trained-model.ipynb).

# %% [markdown]
# ## Pick the backend before importing Keras
#
# The backend is chosen once per process, when `keras` is first imported: set `KERAS_BACKEND`
# in the environment (or in `~/.keras/keras.json`) before the import.

# %%
import os

os.environ["KERAS_BACKEND"] = "torch"  # must come before `import keras`

import keras
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

print("Keras", keras.__version__, "backend:", keras.config.backend())
TOLERANCE = 1e-5  # largest absolute difference accepted when two code paths must agree
checked_diffs = []  # every asserted difference, for the checks at the end


def check(diff):
    """Assert that two paths agree within TOLERANCE; the bound, as the page shows it.

    Below the bound the exact size is float32 rounding, which changes with the CPU's
    vector instructions, so a recorded value would not hold on another machine.
    """
    assert diff <= TOLERANCE, diff
    checked_diffs.append(diff)
    return f"under {TOLERANCE:.0e}"


SEED = 0
keras.utils.set_random_seed(SEED)  # seeds Python, NumPy and torch
torch.set_num_threads(1)  # one thread: a fixed order of floating-point sums
torch.use_deterministic_algorithms(True)

digits = load_digits()
# (N, 8, 8, 1): Keras layers stay channels last on this backend too
x = (digits.images / 16.0).astype("float32")[..., None]
y = digits.target.astype("int64")
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.2, stratify=y, random_state=SEED)

# %% [markdown]
# ## Train with Keras
#
# Ordinary Keras code; `fit()` runs its loop with PyTorch tensors and autograd underneath.

# %%
model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
    keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(10),
], name="digits")
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.fit(x_train, y_train, epochs=8, batch_size=32, verbose=0)
keras_acc = model.evaluate(x_test, y_test, verbose=0)[1]
print(f"test accuracy after Keras fit(): {keras_acc:.4f}")
assert keras_acc >= 0.95, keras_acc

# %% [markdown]
# ## The model is an nn.Module
#
# Every Keras layer on this backend subclasses `torch.nn.Module`, and every Keras variable
# holds a `torch.nn.Parameter`. `parameters()` sees all of them, so a PyTorch optimizer can
# too. It also sees `Dropout`'s random-seed state, a variable with `requires_grad=False`,
# which optimizers skip. Layouts are still Keras': the convolution kernel is `(kh, kw, in, out)`, not PyTorch's
# `(out, in, kh, kw)`.

# %%
print("isinstance(model, nn.Module):", isinstance(model, nn.Module))
print("count_params():", model.count_params())
print("parameters():  ", sum(p.numel() for p in model.parameters()))
frozen = [
    name.split(".")[-1] for name, p in model.named_parameters() if not p.requires_grad
]
print("the extra ones do not train:", frozen)
for variable in model.weights:
    print(
        f"  {variable.path:28} {type(variable.value).__name__:10}"
        f" {tuple(variable.value.shape)}"
    )

# %% [markdown]
# Called on a `torch.Tensor`, the model returns a `torch.Tensor` attached to the autograd graph,
# like any module. `predict()` instead returns NumPy.

# %%
batch = torch.from_numpy(x_test[:8])
logits = model(batch)
print(
    type(logits).__name__,
    tuple(logits.shape),
    "grad_fn:",
    type(logits.grad_fn).__name__,
)
with torch.no_grad():
    print("predicted:", model(batch).argmax(1).tolist(), "true:", y_test[:8].tolist())

# %% [markdown]
# ## Train it in a plain PyTorch loop
#
# The gotcha: `model.train()` and `model.eval()` flip PyTorch's `training` flag, but Keras
# layers such as `Dropout` read the `training=` call argument instead. Both calls below use
# "train mode" in PyTorch terms; only the second one actually drops units.

# %%
model.train()
with torch.no_grad():
    same = torch.equal(model(batch), model(batch))
    dropped = not torch.equal(model(batch), model(batch, training=True))
print("after model.train(), two calls agree (dropout off):", same)
print("with training=True, the output changes (dropout on):", dropped)

# %% [markdown]
# So the loop passes `training=True` explicitly. Everything else is standard PyTorch:
# a `DataLoader`, a `torch.optim` optimizer over `model.parameters()`, `nn.CrossEntropyLoss`.

# %%
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(
        torch.from_numpy(x_train), torch.from_numpy(y_train)
    ),
    batch_size=32,
    shuffle=True,
    generator=torch.Generator().manual_seed(SEED),
)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
loss_fn = nn.CrossEntropyLoss()
losses = []  # mean loss per epoch
for _ in range(3):
    total = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb, training=True), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    losses.append(total / len(loader.dataset))
# the loss values themselves move in the second digit from one CPU to another
print(f"mean loss fell in each of {len(losses)} epochs:", losses == sorted(losses, reverse=True))

with torch.no_grad():
    torch_acc = (model(torch.from_numpy(x_test)).argmax(1).numpy() == y_test).mean()
# its exact value moves by a prediction or two from one CPU to another: print the check
print(f"test accuracy after the PyTorch loop at least 0.95: {torch_acc >= 0.95}")
keras_acc_now = model.evaluate(x_test, y_test, verbose=0)[1]
print(f"Keras evaluate() sees the same weights: {round(keras_acc_now, 4) == round(torch_acc, 4)}")
assert torch_acc >= 0.95, torch_acc

# %% [markdown]
# ## The weights as torch tensors
#
# To leave Keras behind entirely, copy the tensors into a plain PyTorch model. No NumPy round
# trip is needed, but the layout changes are the same as in
# [Port a trained model across](port-a-trained-model.ipynb): permute the convolution kernel,
# transpose dense kernels, reorder the first dense kernel's rows from (H, W, C) to (C, H, W).

# %%
weights = {variable.path: variable.value.detach() for variable in model.weights}
plain = nn.Sequential(
    nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(),
    nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
    nn.MaxPool2d(2), nn.Flatten(),
    nn.Linear(1024, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10),
).eval()
# rows of the first dense kernel: (H, W, C) order -> (C, H, W) order
dense_1 = (
    weights["digits/dense/kernel"]
    .reshape(4, 4, 64, 128)
    .permute(2, 0, 1, 3)
    .reshape(1024, 128)
)
with torch.no_grad():
    for index, name in [(0, "conv2d"), (2, "conv2d_1")]:
        # (kh, kw, in, out) -> (out, in, kh, kw)
        plain[index].weight.copy_(weights[f"digits/{name}/kernel"].permute(3, 2, 0, 1))
        plain[index].bias.copy_(weights[f"digits/{name}/bias"])
    plain[6].weight.copy_(dense_1.T)  # (in, out) -> (out, in)
    plain[6].bias.copy_(weights["digits/dense/bias"])
    plain[9].weight.copy_(weights["digits/dense_1/kernel"].T)
    plain[9].bias.copy_(weights["digits/dense_1/bias"])
    # the plain PyTorch model wants channels first
    diff = (plain(batch.permute(0, 3, 1, 2)) - model(batch)).abs().max().item()
print(f"plain nn.Sequential vs Keras model: largest difference {check(diff)}")

# %% [markdown]
# ## A PyTorch module inside Keras
#
# The other direction: `keras.layers.TorchModuleWrapper` turns an `nn.Module` into a Keras
# layer, so its parameters train with `fit()` like any other. Here a PyTorch head sits on top of
# Keras feature layers.

# %%
head = nn.Sequential(nn.Linear(1024, 128), nn.ReLU(), nn.Linear(128, 10))
mixed = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
    keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(),
    keras.layers.TorchModuleWrapper(head),
])
mixed.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
mixed.fit(x_train, y_train, epochs=8, batch_size=32, verbose=0)
print(
    "Keras layers + PyTorch head, test accuracy: "
    f"{mixed.evaluate(x_test, y_test, verbose=0)[1]:.4f}"
)
print("count_params():", mixed.count_params())
print("of which the PyTorch head:", sum(p.numel() for p in head.parameters()))

# %% [markdown]
# ## Leaving the process: ONNX and the .keras file
#
# `model.export(..., format="onnx")` works on this backend (it goes through the PyTorch ONNX
# exporter), and onnxruntime runs the result.

# %%
import onnxruntime as ort

model.export("digits.onnx", format="onnx", verbose=False)
session = ort.InferenceSession("digits.onnx", providers=["CPUExecutionProvider"])
reference = model.predict(x_test[:64], verbose=0)
diff = np.abs(
    session.run(None, {session.get_inputs()[0].name: x_test[:64]})[0] - reference
).max()
print(f"onnxruntime vs Keras (torch backend): largest difference {check(diff)}")

# %% [markdown]
# The `.keras` file stores the architecture and the weights without any backend in it. A
# separate Python process with `KERAS_BACKEND=tensorflow` loads the file this process saved
# and predicts the same numbers.

# %%
import subprocess
import sys

model.save("digits.keras")
np.save("batch.npy", x_test[:64])
LOAD_WITH_TENSORFLOW = """
import keras, numpy as np
model = keras.saving.load_model("digits.keras")
np.save("tf_pred.npy", model.predict(np.load("batch.npy"), verbose=0))
print("loaded with the", keras.config.backend(), "backend")
"""
result = subprocess.run([sys.executable, "-c", LOAD_WITH_TENSORFLOW],
                        env={**os.environ, "KERAS_BACKEND": "tensorflow"},
                        capture_output=True, text=True, check=True)
print(result.stdout.strip())
diff = np.abs(np.load("tf_pred.npy") - reference).max()
print(f"TensorFlow backend vs PyTorch backend: largest difference {check(diff)}")

# %% [markdown]
# ## What Keras 3 gives a PyTorch user today
#
# | You want to | On the PyTorch backend |
# | --- | --- |
# | Train a Keras model with `fit()` | works; PyTorch tensors and autograd underneath |
# | Pass a Keras model where PyTorch expects an `nn.Module` | works: `parameters()`, autograd, `torch.optim` |
# | Switch dropout with `model.train()` / `model.eval()` | ignored: pass `training=True` |
# | Get the weights as `torch` tensors | `variable.value` is a `torch.nn.Parameter` (Keras layout and names) |
# | Use an `nn.Module` inside a Keras model | `keras.layers.TorchModuleWrapper` |
# | Ship the model | `.keras` file (loads on any backend), ONNX export |
#
# What it does not give: a plain PyTorch model. The object is still a Keras model with
# channels-last layers, so code that inspects `named_modules()` or loads a PyTorch
# `state_dict` by layer name will not find PyTorch's usual structure. For that, copy the
# weights as shown, or see [Port a trained model across](port-a-trained-model.ipynb).

# %% [markdown]
# ## Checks
#
# The figures this tutorial states, in one place and rounded to what is stable from run to
# run. The site's tests check that the recorded values still satisfy these asserts, and a
# fresh run must print the same.

# %%
metrics = {"keras_test_accuracy": round(float(keras_acc), 4),
           "torch_test_accuracy_at_least": 0.95 if torch_acc >= 0.95 else round(float(torch_acc), 4),
           "checks": len(checked_diffs), "all_under": TOLERANCE if max(checked_diffs) <= TOLERANCE else max(checked_diffs)}
print(metrics)
assert metrics["keras_test_accuracy"] >= 0.95, metrics
assert metrics["torch_test_accuracy_at_least"] >= 0.95, metrics
assert metrics["checks"] == 3, metrics
assert metrics["all_under"] <= 1e-5, metrics
