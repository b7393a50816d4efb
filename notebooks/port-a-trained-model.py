# %% [markdown]
# # Port a trained model across
#
# Train a small convolutional classifier in Keras, copy its weights into an equivalent PyTorch
# `nn.Module`, and check that both give the same outputs on a batch. Then the reverse: PyTorch
# to Keras. Then the route that needs no hand-written mapping: export to ONNX and run the file
# with onnxruntime.
#
# **Result:** a hand port matches to within 1e-5 (asserted) once four things are handled:
# the convolution kernel layout, the dense kernel transpose, the flatten order after a
# convolution, and the batch-norm epsilon. Skip the flatten fix and the outputs are wrong with
# no error. The ONNX route matches too, with `tf2onnx` from a SavedModel export on the Keras
# side and `torch.onnx.export(..., dynamo=True)` on the PyTorch side.
#
# The defaults behind these gotchas are collected on
# [Layer defaults that differ](../topics/layer-defaults.md).

# %%
import logging

import keras
import numpy as np
import tensorflow as tf
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

tf.get_logger().setLevel(logging.ERROR)
# largest absolute difference accepted between the two frameworks' outputs
TOLERANCE = 1e-5
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
keras.utils.set_random_seed(SEED)
torch.manual_seed(SEED)
tf.config.experimental.enable_op_determinism()
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

digits = load_digits()
# (N, 8, 8, 1): channels last, Keras style
x = (digits.images / 16.0).astype("float32")[..., None]
y = digits.target.astype("int64")
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.2, stratify=y, random_state=SEED)
batch_nhwc = x_test[:64]
# (N, 1, 8, 8): channels first, PyTorch style
batch_nchw = batch_nhwc.transpose(0, 3, 1, 2).copy()
print("batch for the checks:", batch_nhwc.shape, "->", batch_nchw.shape)

# %% [markdown]
# ## The same architecture twice
#
# Convolution without bias, batch normalisation, ReLU, max-pool, flatten, two dense layers.
# The PyTorch module sets `eps=1e-3` on `BatchNorm2d` because Keras' `BatchNormalization`
# defaults to 1e-3 and PyTorch's to 1e-5 (the cost of forgetting it is measured below).
# (Momentum also differs in convention, 0.99 in Keras is 0.01 in PyTorch, but it only matters
# when training continues.)

# %%
def make_keras_model():
    return keras.Sequential([
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ])


class TorchNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16, eps=1e-3, momentum=0.01)  # Keras defaults
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(16 * 4 * 4, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):  # x: (N, 1, 8, 8)
        x = self.pool(torch.relu(self.bn(self.conv(x))))
        x = torch.flatten(x, 1)  # flattens in (C, H, W) order
        return self.fc2(torch.relu(self.fc1(x)))


keras_model = make_keras_model()
# print_fn: a plain-text table instead of rich HTML
keras_model.summary(line_length=72, print_fn=lambda text, line_break=True: print(text))

# %% [markdown]
# ## Train in Keras
#
# A few epochs are enough: the point is a model whose weights, including the batch-norm
# running statistics, are no longer at their initial values.

# %%
keras_model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
keras_model.fit(x_train, y_train, epochs=5, batch_size=32, verbose=0)
print(f"Keras test accuracy: {keras_model.evaluate(x_test, y_test, verbose=0)[1]:.4f}")

# %% [markdown]
# ## Keras to PyTorch, by hand
#
# Read the layers' variables as NumPy arrays and map each one:
#
# | Keras variable | shape | PyTorch parameter | shape | change |
# | --- | --- | --- | --- | --- |
# | `Conv2D.kernel` | (kh, kw, in, out) | `Conv2d.weight` | (out, in, kh, kw) | `transpose(3, 2, 0, 1)` |
# | `BatchNormalization` gamma, beta | (C,) | `weight`, `bias` | (C,) | none |
# | moving mean, moving variance | (C,) | `running_mean`, `running_var` | (C,) | none (buffers, not parameters) |
# | first `Dense.kernel` after `Flatten` | (H·W·C, out) | `Linear.weight` | (out, C·H·W) | reorder rows from (H, W, C) to (C, H, W), then transpose |
# | other `Dense.kernel` | (in, out) | `Linear.weight` | (out, in) | `.T` |
# | `Dense.bias` | (out,) | `Linear.bias` | (out,) | none |
#
# The flatten row is the one that bites: Keras flattens a channels-last feature map, PyTorch a
# channels-first one, so the same 256 numbers arrive at the dense layer in a different order.

# %%
def keras_to_torch(keras_model, torch_model):
    conv, bn, _, _, _, fc1, fc2 = keras_model.layers
    gamma, beta, mean, var = (v.numpy() for v in bn.weights)
    kernel_1, bias_1 = (v.numpy() for v in fc1.weights)
    kernel_2, bias_2 = (v.numpy() for v in fc2.weights)
    h, w, c = 4, 4, 16  # shape of the feature map that Flatten receives
    # rows of the first dense kernel: (H, W, C) order -> (C, H, W) order
    kernel_1 = (
        kernel_1
        .reshape(h, w, c, -1)
        .transpose(2, 0, 1, 3)
        .reshape(c * h * w, -1)
    )
    state = {
        # (kh, kw, in, out) -> (out, in, kh, kw)
        "conv.weight": conv.kernel.numpy().transpose(3, 2, 0, 1),
        "bn.weight": gamma, "bn.bias": beta,
        "bn.running_mean": mean, "bn.running_var": var,
        "fc1.weight": kernel_1.T, "fc1.bias": bias_1,  # (in, out) -> (out, in)
        "fc2.weight": kernel_2.T, "fc2.bias": bias_2,
    }
    with torch.no_grad():
        for name, tensor in torch_model.state_dict().items():
            if name in state:
                tensor.copy_(torch.from_numpy(np.ascontiguousarray(state[name])))
    return torch_model


# eval(): use the running statistics
torch_port = keras_to_torch(keras_model, TorchNet()).eval()
with torch.no_grad():
    torch_out = torch_port(torch.from_numpy(batch_nchw)).numpy()
keras_out = keras_model.predict(batch_nhwc, verbose=0)
diff = np.abs(keras_out - torch_out).max()
print(f"largest difference on {len(batch_nhwc)} images: {check(diff)}")

# %% [markdown]
# What the two quiet fixes buy. Without reordering the rows of the first dense kernel, the copy
# runs without any error and gives different answers. With PyTorch's default batch-norm epsilon,
# the predictions survive but the check against 1e-5 does not.

# %%
naive = keras_to_torch(keras_model, TorchNet()).eval()
default_eps = keras_to_torch(keras_model, TorchNet()).eval()
default_eps.bn.eps = 1e-5  # PyTorch's default
with torch.no_grad():
    # transpose only, rows not reordered
    wrong = keras_model.layers[5].kernel.numpy().T.copy()
    naive.fc1.weight.copy_(torch.from_numpy(wrong))
    naive_out = naive(torch.from_numpy(batch_nchw)).numpy()
    eps_out = default_eps(torch.from_numpy(batch_nchw)).numpy()
print(
    "without the flatten fix: largest difference "
    f"{np.abs(keras_out - naive_out).max():.1f}, "
    f"{(keras_out.argmax(1) != naive_out.argmax(1)).sum()} of {len(batch_nhwc)}"
    " predictions differ"
)
print(
    "with eps=1e-5: largest difference "
    f"{np.abs(keras_out - eps_out).max():.0e}, "
    f"{(keras_out.argmax(1) != eps_out.argmax(1)).sum()} of {len(batch_nhwc)}"
    " predictions differ"
)

# %% [markdown]
# ## PyTorch to Keras, by hand
#
# The reverse direction applies the inverse of every change. Train a fresh `TorchNet` first so
# the weights are PyTorch's own.

# %%
torch_model = TorchNet()
optimizer = torch.optim.Adam(torch_model.parameters(), lr=1e-3)
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(
        torch.from_numpy(x_train.transpose(0, 3, 1, 2).copy()),
        torch.from_numpy(y_train),
    ),
    batch_size=32,
    shuffle=True,
    generator=torch.Generator().manual_seed(SEED),
)
torch_model.train()
for _epoch in range(5):
    for xb, yb in loader:
        optimizer.zero_grad()
        nn.functional.cross_entropy(torch_model(xb), yb).backward()
        optimizer.step()
torch_model.eval()
with torch.no_grad():
    test_pred = (
        torch_model(torch.from_numpy(x_test.transpose(0, 3, 1, 2).copy()))
        .argmax(1)
        .numpy()
    )
print(f"PyTorch test accuracy: {(test_pred == y_test).mean():.4f}")


# %%
def torch_to_keras(torch_model, keras_model):
    s = {name: t.detach().numpy() for name, t in torch_model.state_dict().items()}
    h, w, c = 4, 4, 16
    # rows of the first dense kernel: (C, H, W) order -> (H, W, C) order
    kernel_1 = (
        s["fc1.weight"].T
        .reshape(c, h, w, -1)
        .transpose(1, 2, 0, 3)
        .reshape(h * w * c, -1)
    )
    conv, bn, _, _, _, fc1, fc2 = keras_model.layers
    # (out, in, kh, kw) -> (kh, kw, in, out)
    conv.set_weights([s["conv.weight"].transpose(2, 3, 1, 0)])
    bn.set_weights(
        [s["bn.weight"], s["bn.bias"], s["bn.running_mean"], s["bn.running_var"]]
    )
    fc1.set_weights([kernel_1, s["fc1.bias"]])
    fc2.set_weights([s["fc2.weight"].T, s["fc2.bias"]])
    return keras_model


keras_port = torch_to_keras(torch_model, make_keras_model())
with torch.no_grad():
    torch_out = torch_model(torch.from_numpy(batch_nchw)).numpy()
diff = np.abs(keras_port.predict(batch_nhwc, verbose=0) - torch_out).max()
print(f"largest difference on {len(batch_nhwc)} images: {check(diff)}")

# %% [markdown]
# ## Through ONNX
#
# ONNX is a file format both ecosystems can write; onnxruntime runs it without either
# framework. No weight mapping by hand, but each exporter has its own path.
#
# **Keras 3 to ONNX.** `tf2onnx.convert.from_keras` was written for Keras 2 and fails on a
# Keras 3 `Sequential` model like this one, with or without `input_signature` (the same layers
# built as a functional `keras.Model` convert, as the deployment page's exporter pair shows):

# %%
import tf2onnx

logging.getLogger("tf2onnx").setLevel(logging.ERROR)
try:
    signature = [tf.TensorSpec((None, 8, 8, 1), tf.float32)]
    tf2onnx.convert.from_keras(keras_model, input_signature=signature)
except Exception as error:
    print(f"from_keras: {type(error).__name__}: {error}")

# %% [markdown]
# What works: export a TensorFlow SavedModel with Keras' own `model.export()`, then convert
# the SavedModel (the command-line equivalent is
# `python -m tf2onnx.convert --saved-model keras_savedmodel --output keras.onnx`).

# %%
import onnxruntime as ort
from tf2onnx import tf_loader

keras_model.export("keras_savedmodel", format="tf_saved_model", verbose=False)
graph_def, inputs, outputs = tf_loader.from_saved_model(
    "keras_savedmodel", None, None, tag="serve", signatures=["serving_default"]
)
tf2onnx.convert.from_graph_def(
    graph_def,
    input_names=inputs,
    output_names=outputs,
    opset=17,
    output_path="keras.onnx",
)

session = ort.InferenceSession("keras.onnx", providers=["CPUExecutionProvider"])
print(
    "ONNX input (channels last):",
    session.get_inputs()[0].name,
    session.get_inputs()[0].shape,
)
onnx_out = session.run(None, {session.get_inputs()[0].name: batch_nhwc})[0]
diff = np.abs(onnx_out - keras_out).max()
print(f"onnxruntime vs Keras: largest difference {check(diff)}")

# %% [markdown]
# **PyTorch to ONNX.** `torch.onnx.export(..., dynamo=True)` captures the module with
# `torch.export` and writes ONNX through onnxscript. Call it on a module in `eval()` mode,
# and name the batch dimension as dynamic, or the file only accepts the example batch size.

# %%
program = torch.onnx.export(
    torch_model,
    (torch.from_numpy(batch_nchw),),
    dynamo=True,
    dynamic_shapes=({0: torch.export.Dim("batch")},),
    verbose=False,
)
program.save("torch.onnx")

session = ort.InferenceSession("torch.onnx", providers=["CPUExecutionProvider"])
print(
    "ONNX input (channels first):",
    session.get_inputs()[0].name,
    session.get_inputs()[0].shape,
)
onnx_out = session.run(None, {session.get_inputs()[0].name: batch_nchw[:10]})[0]
with torch.no_grad():
    diff = np.abs(
        onnx_out - torch_model(torch.from_numpy(batch_nchw[:10])).numpy()
    ).max()
print(f"onnxruntime vs PyTorch on a batch of 10: largest difference {check(diff)}")

# %% [markdown]
# ## Which route to take
#
# - **By hand** when the target must be a real model in the other framework (to fine-tune it,
#   or to embed it in that framework's code). Check it the way this notebook does: one batch,
#   an absolute tolerance, and `eval()` on the PyTorch side.
# - **ONNX** when you only need inference: no mapping to get wrong, and onnxruntime runs the
#   file without either framework. The input layout stays that of the source framework
#   (channels last from Keras, channels first from PyTorch).
# - **Keras 3 on the PyTorch backend** when you want to keep Keras code but live in PyTorch:
#   see [Keras 3 on the PyTorch backend](keras3-torch-backend.ipynb).

# %% [markdown]
# ## Checks
#
# The figures this tutorial states, in one place and rounded to what is stable from run to
# run. The site's tests check that the recorded values still satisfy these asserts, and a
# fresh run must print the same.

# %%
metrics = {"checks": len(checked_diffs), "all_under": TOLERANCE if max(checked_diffs) <= TOLERANCE else max(checked_diffs)}
print(metrics)
assert metrics["checks"] == 4, metrics
assert metrics["all_under"] <= 1e-5, metrics
