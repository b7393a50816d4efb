# title: Post-training int8 quantization, dynamic range (weights only)
# differs: a LiteRT flatbuffer and a torch.save file are different formats, so sizes differ; the float accuracy matches and the changed predictions are counted
# same: ^float32 correct
# --- setup: imports and one scikit-learn MLP, its weights copied in ---
import copy
import io
import warnings

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from torchao.quantization import Int8DynamicActivationInt8WeightConfig, quantize_

# The same trained model in both halves: an MLP fitted by scikit-learn, weights copied
# in.
x, y = load_digits(return_X_y=True)
x = (x / 16.0).astype("float32")
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.25, random_state=0
)
mlp = MLPClassifier(hidden_layer_sizes=(64,), max_iter=200, random_state=0).fit(
    x_train, y_train
)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)
).eval()
with torch.no_grad():
    for layer, w, b in zip((model[0], model[2]), mlp.coefs_, mlp.intercepts_):
        layer.weight.copy_(torch.from_numpy(w.T))
        layer.bias.copy_(torch.from_numpy(b))
# --- end setup ---


def size(module):
    buffer = io.BytesIO()
    torch.save(module.state_dict(), buffer)
    return len(buffer.getvalue())


def predict(module):
    with torch.no_grad():
        return module(torch.from_numpy(x_test)).argmax(1).numpy()


# torchao, PyTorch's current quantization library: int8 weights, activations quantized
# per call.
int8_model = copy.deepcopy(model)
quantize_(int8_model, Int8DynamicActivationInt8WeightConfig())
float_pred = predict(model)
print(f"float32 correct (framework): {np.sum(float_pred == y_test)} of {len(y_test)}")
print(f"float32 size: {size(model)} bytes")
print(
    f"int8 size:    {size(int8_model)} bytes ({size(int8_model) / size(model):.2f} of "
    "float)"
)
print(
    "stored weight types:",
    sorted(
        {
            str(layer.weight.qdata.dtype).removeprefix("torch.")
            for layer in (int8_model[0], int8_model[2])
        }
    ),
)
pred = predict(int8_model)
print(
    f"int8 correct: {np.sum(pred == y_test)} of {len(y_test)}; predictions that "
    f"changed: {np.sum(pred != float_pred)}"
)

# The older API still runs in this PyTorch; its own warning says when it was to be
# removed.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.ao.quantization.quantize_dynamic(
        copy.deepcopy(model), {torch.nn.Linear}, dtype=torch.qint8
    )
notice = next(w for w in caught if issubclass(w.category, DeprecationWarning))
print(
    "torch.ao.quantization.quantize_dynamic still runs:",
    f"{notice.category.__name__}:",
    str(notice.message).splitlines()[0].strip(),
)
