# title: Lower the model for on-device runtimes and run the lowered form
# differs: LiteRT lists the builtin ops of its flatbuffer; PyTorch lists the Core ATen operators that ExecuTorch takes as input
# same: ^row 0:
# same: within (ATOL=\S+: \w+)$
"""Keras -> LiteRT flatbuffer (.tflite) -> LiteRT interpreter from the ai_edge_litert
package.
"""

import warnings

import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter, OpResolverType

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
x = rng.normal(size=(5, 4)).astype("float32")

model = tf.keras.Sequential(
    [
        tf.keras.Input((4,), name="features"),
        tf.keras.layers.Dense(8, activation="tanh"),
        tf.keras.layers.Dense(3),
    ]
)
model.set_weights([k1, b1, k2, b2])
expected = model(x).numpy()
# --- end setup ---

model.export(
    "model.tflite", format="litert", verbose=False
)  # same as TFLiteConverter on the graph
with open("model.tflite", "rb") as f:
    flatbuffer = f.read()

# The interpreter inside TensorFlow still works but warns:
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    tf.lite.Interpreter(model_content=flatbuffer)
for warning in caught:  # collapse the multi-line message; drop the trailing link
    print(
        f"tf.lite.Interpreter: {warning.category.__name__}:",
        " ".join(str(warning.message).split()).split(" See ")[0],
    )

# The standalone LiteRT runtime (no TensorFlow needed on the device):
inspect = Interpreter(
    model_content=flatbuffer,
    experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
)
inspect.allocate_tensors()
print("LiteRT ops:", sorted({op["op_name"] for op in inspect._get_ops_details()}))

interpreter = Interpreter(model_content=flatbuffer)  # default: XNNPACK CPU delegate
print("signatures:", interpreter.get_signature_list())
run = interpreter.get_signature_runner("serving_default")
out = run(features=x)["output_0"]
print("row 0:", [round(float(v), 8) for v in out[0]])
print(
    f"matches Keras within ATOL={ATOL}:",
    bool(np.allclose(out, expected, rtol=0, atol=ATOL)),
)
