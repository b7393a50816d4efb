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
from sidebyside.tools.measured import Order, emit, row, run_workers, write

JOBS = ("tensorflow:1", "pytorch:1")
REPEATS, ITERS, WARMUP = 15, 200, 20
"""Fifteen repeats: on a shared 2-core host a few busy repeats should not move the median."""
NOTE = (f"One thread, medians of {REPEATS} repeats of {ITERS} calls (each repeat kept in the row's samples); "
        "this 2-core machine was shared with other jobs while measuring, "
        "so absolute times are noisy and will be re-measured.")


EAGER_INT8 = Order("eager torchao dynamic int8 is slower than float32 (its generic path)",
                   "one call, batch 1", "pytorch", "int8 dynamic range", "float32")
"""The order CI re-measures: far from 1 in every run on this host (tens to hundreds of times), so load cannot flip it."""


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
            out.append(row(f"one call, batch {batch}", "tensorflow", mode, "µs", [t * 1e6 for t in times], ITERS, WARMUP))
    return out


def pytorch_float32(mlp=None):
    """The page's float32 PyTorch model, with the trained scikit-learn weights when given (timing does not need them)."""
    import torch

    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).eval()
    if mlp is not None:
        with torch.no_grad():
            for layer, w, b in zip((model[0], model[2]), mlp.coefs_, mlp.intercepts_, strict=True):
                layer.weight.copy_(torch.from_numpy(w.T))
                layer.bias.copy_(torch.from_numpy(b))
    return model


def dynamic_int8(model):
    """A copy of ``model`` with torchao's dynamic int8 (int8 weights, activations quantized per call)."""
    from torchao.quantization import Int8DynamicActivationInt8WeightConfig, quantize_

    dynamic = copy.deepcopy(model)
    quantize_(dynamic, Int8DynamicActivationInt8WeightConfig())
    return dynamic


def timed_call(module, x, repeats: int, calls: int, warmup: int) -> list[float]:
    """Seconds per ``module(x)`` under ``torch.no_grad()``, Python dispatch included, one value per repeat."""
    import torch

    def call():
        with torch.no_grad():
            return module(x)

    return time_repeats(call, calls, repeats, warmup)


def remeasure_eager_int8(rounds: int = 5, calls: int = 10) -> float:
    """The ``EAGER_INT8`` ratio re-measured in a few seconds: both models timed in alternation, median of per-round ratios.

    Untrained weights (timing does not depend on them, and training costs
    far more than timing); alternating rounds share whatever load the host has.
    """
    import statistics

    import torch

    torch.set_num_threads(1)
    model = pytorch_float32()
    dynamic = dynamic_int8(model)
    x = torch.zeros(1, 64)
    ratios = []
    for _ in range(rounds):
        fast, slow = (statistics.median(timed_call(m, x, 3, calls, 2)) for m in (model, dynamic))
        ratios.append(slow / fast)
    return statistics.median(ratios)


def pytorch_rows() -> list[dict]:
    import torch
    import torchao.quantization.pt2e.quantizer.x86_inductor_quantizer as x86
    from torchao.quantization.pt2e.quantize_pt2e import convert_pt2e, prepare_pt2e

    torch.set_num_threads(1)
    mlp, x_train, x_test = trained()
    model = pytorch_float32(mlp)
    dynamic = dynamic_int8(model)
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
            times = timed_call(module, torch.from_numpy(x_test[:batch]), REPEATS, ITERS, WARMUP)
            out.append(row(f"one call, batch {batch}", "pytorch", mode, "µs", [t * 1e6 for t in times], ITERS, WARMUP))
    return out


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "worker":
        emit(tensorflow_rows() if sys.argv[2].startswith("tensorflow") else pytorch_rows())
        return
    print(f"wrote {write('quantization-latency', run_workers(__spec__.name, JOBS, NOTE, REPEATS))}")


if __name__ == "__main__":
    tool_main(main)
