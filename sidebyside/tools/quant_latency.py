"""Measure CPU latency of the float and int8 models of the quantization page -> ``data/measured/quantization-latency.json``.

``make measure-quantization-latency`` builds the same scikit-learn-trained
digits MLP as the pairs, converts it the same ways (LiteRT dynamic range and
full integer; torchao dynamic int8, eager and compiled, and PT2E static
int8 lowered with ``torch.compile``) and times one-sample and full-test-set calls on one
thread. Never run by tests.
"""

from __future__ import annotations

import contextlib
import copy
import io
import sys

from sidebyside.errors import tool_main
from sidebyside.tools.bench.common import time_repeats
from sidebyside.tools.measured import emit, row, run_workers, write

JOBS = ("tensorflow:1", "pytorch:1")
REPEATS, ITERS, WARMUP = 5, 200, 20
NOTE = (f"One thread, medians of {REPEATS} repeats of {ITERS} calls (each repeat kept in the row's samples); "
        "this 2-core machine was shared with other jobs while measuring, "
        "so absolute times are noisy and will be re-measured.")


def trained():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    x_train, x_test, y_train, _ = train_test_split(x, y, test_size=0.25, random_state=0)
    return MLPClassifier(hidden_layer_sizes=(64,), max_iter=200, random_state=0).fit(x_train, y_train), x_train, x_test


def tensorflow_rows() -> list[dict]:
    import tensorflow as tf
    from ai_edge_litert.interpreter import Interpreter

    mlp, x_train, x_test = trained()
    model = tf.keras.Sequential([tf.keras.Input((64,)), tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(10)])
    model.set_weights([mlp.coefs_[0], mlp.intercepts_[0], mlp.coefs_[1], mlp.intercepts_[1]])

    def convert(mode: str) -> bytes:
        converter = tf.lite.TFLiteConverter.from_keras_model(model)
        if mode != "float32":
            converter.optimizations = [tf.lite.Optimize.DEFAULT]
        if mode == "int8 full integer":
            converter.representative_dataset = lambda: ([x_train[i : i + 1]] for i in range(200))
            converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        with contextlib.redirect_stdout(io.StringIO()):
            return converter.convert()

    out = []
    for mode in ("float32", "int8 dynamic range", "int8 full integer"):
        for batch in (1, len(x_test)):
            interpreter = Interpreter(model_content=convert(mode), num_threads=1)
            inp = interpreter.get_input_details()[0]
            interpreter.resize_tensor_input(inp["index"], (batch, 64))
            interpreter.allocate_tensors()
            interpreter.set_tensor(inp["index"], x_test[:batch])
            times = time_repeats(interpreter.invoke, ITERS, REPEATS, WARMUP)
            out.append(row(f"one call, batch {batch}", "tensorflow", mode, "µs", [t * 1e6 for t in times]))
    return out


def pytorch_rows() -> list[dict]:
    import torch
    import torchao.quantization.pt2e.quantizer.x86_inductor_quantizer as x86
    from torchao.quantization import Int8DynamicActivationInt8WeightConfig, quantize_
    from torchao.quantization.pt2e.quantize_pt2e import convert_pt2e, prepare_pt2e

    torch.set_num_threads(1)
    mlp, x_train, x_test = trained()
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).eval()
    with torch.no_grad():
        for layer, w, b in zip((model[0], model[2]), mlp.coefs_, mlp.intercepts_, strict=True):
            layer.weight.copy_(torch.from_numpy(w.T))
            layer.bias.copy_(torch.from_numpy(b))
    dynamic = copy.deepcopy(model)
    quantize_(dynamic, Int8DynamicActivationInt8WeightConfig())
    batch_dim = torch.export.Dim("batch", min=1)
    graph = torch.export.export(model, (torch.from_numpy(x_train[:8]),), dynamic_shapes=({0: batch_dim},)).module()
    prepared = prepare_pt2e(graph, x86.X86InductorQuantizer().set_global(x86.get_default_x86_inductor_quantization_config()))
    with torch.no_grad():
        for i in range(200):
            prepared(torch.from_numpy(x_train[i : i + 1]))
    static = torch.compile(convert_pt2e(prepared))  # Inductor lowers quantize/dequantize pairs to int8 kernels
    out = []
    # torchao's int8 tensors are meant to run under torch.compile; eager calls take a slow generic path.
    variants = (("float32", model), ("int8 dynamic range", dynamic), ("int8 dynamic range, torch.compile", torch.compile(dynamic)),
                ("int8 full integer", static))
    for mode, module in variants:
        for batch in (1, len(x_test)):
            x = torch.from_numpy(x_test[:batch])

            def call(module=module, x=x):
                with torch.no_grad():
                    return module(x)

            times = time_repeats(call, ITERS, REPEATS, WARMUP)
            out.append(row(f"one call, batch {batch}", "pytorch", mode, "µs", [t * 1e6 for t in times]))
    return out


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "worker":
        emit(tensorflow_rows() if sys.argv[2].startswith("tensorflow") else pytorch_rows())
        return
    print(f"wrote {write('quantization-latency', run_workers(__spec__.name, JOBS, NOTE))}")


if __name__ == "__main__":
    tool_main(main)
