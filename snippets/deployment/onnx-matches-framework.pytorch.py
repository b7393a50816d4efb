# title: Export to ONNX and run it in onnxruntime: same numbers as the framework, within a named tolerance
"""nn.Module -> ONNX with torch.onnx.export(dynamo=True) (needs onnxscript) ->
onnxruntime.
"""

import numpy as np
import onnx
import onnxruntime as ort
import torch

# float32 kernels differ in summation order; this bounds the allowed difference
ATOL = 1e-5

# --- setup: a small model, its input and the same weights in both halves ---
rng = np.random.RandomState(0)
k1, b1 = (
    rng.normal(size=(4, 8)).astype("float32"),
    rng.normal(size=(8,)).astype("float32"),
)
k2, b2 = (
    rng.normal(size=(8, 3)).astype("float32"),
    rng.normal(size=(3,)).astype("float32"),
)
x = torch.from_numpy(rng.normal(size=(5, 4)).astype("float32"))

model = torch.nn.Sequential(
    torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
).eval()
with torch.no_grad():  # same weights; PyTorch stores Linear weights as (out, in)
    model[0].weight.copy_(torch.from_numpy(k1.T))
    model[0].bias.copy_(torch.from_numpy(b1))
    model[2].weight.copy_(torch.from_numpy(k2.T))
    model[2].bias.copy_(torch.from_numpy(b2))
    expected = model(x).numpy()
# --- end setup ---

program = (
    torch.onnx.export(  # the torch.export-based exporter, default since PyTorch 2.9
        model,
        (x,),
        dynamo=True,
        opset_version=18,
        verbose=False,
        input_names=["features"],
        dynamic_shapes=({0: torch.export.Dim("batch")},),
    )
)
program.save("model.onnx")
graph = onnx.load("model.onnx")
onnx.checker.check_model(graph)
print(
    "valid ONNX model, opset",
    next(o.version for o in graph.opset_import if o.domain in ("", "ai.onnx")),
)

session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
feed = session.get_inputs()[0]
print("batch dimension dynamic:", not isinstance(feed.shape[0], int))
out = session.run(None, {feed.name: x.numpy()})[0]
print("onnxruntime row 0:", [round(float(v), 8) for v in out[0]])
print(
    f"matches the framework within ATOL={ATOL}:",
    bool(np.allclose(out, expected, rtol=0, atol=ATOL)),
)
