# title: Post-training int8 quantization, full integer (calibrated activations)
# differs: a LiteRT flatbuffer and a torch.save file differ in size, and each calibrates its own activation ranges; the float accuracy matches
# same: ^float32 correct
# --- setup: imports and one scikit-learn MLP, its weights copied in ---
import io
import operator

import numpy as np
import torch
import torchao.quantization.pt2e.quantizer.x86_inductor_quantizer as x86
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from torchao.quantization.pt2e.quantize_pt2e import convert_pt2e, prepare_pt2e

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

# PT2E: export the graph, let a backend's quantizer annotate it, calibrate, convert.
batch = torch.export.Dim("batch", min=1)
graph = torch.export.export(
    model, (torch.from_numpy(x_train[:8]),), dynamic_shapes=({0: batch},)
).module()
quantizer = x86.X86InductorQuantizer().set_global(
    x86.get_default_x86_inductor_quantization_config()
)
prepared = prepare_pt2e(graph, quantizer)
with torch.no_grad():
    for i in range(200):  # calibration data: the same 200 training samples
        prepared(torch.from_numpy(x_train[i : i + 1]))
quantized = convert_pt2e(prepared)
# The converted graph keeps int8 weights and quantize/dequantize ops; torch.compile
# lowers them to int8 kernels.
used = {
    n.target: operator.attrgetter(n.target)(quantized)
    for n in quantized.graph.nodes
    if n.op == "get_attr"
}
buffer = io.BytesIO()
torch.save(used, buffer)
with torch.no_grad():
    float_pred = model(torch.from_numpy(x_test)).argmax(1).numpy()
    pred = quantized(torch.from_numpy(x_test)).argmax(1).numpy()
print(f"float32 correct (framework): {np.sum(float_pred == y_test)} of {len(y_test)}")
print(
    "weight types:",
    sorted(
        {str(t.dtype).removeprefix("torch.") for t in used.values() if t.dim() == 2}
    ),
)
print(f"int8 size: {len(buffer.getvalue())} bytes")
print(
    "operators:",
    sorted(
        {
            n.target.__name__.split(".")[0]
            for n in quantized.graph.nodes
            if n.op == "call_function"
        }
    ),
)
print(
    f"int8 correct: {np.sum(pred == y_test)} of {len(y_test)}; predictions that "
    f"changed: {np.sum(pred != float_pred)}"
)
