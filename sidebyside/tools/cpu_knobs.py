"""Measure the CPU knobs of the profiling page on this machine -> ``data/measured/cpu-knobs.json``.

``make measure-cpu-knobs`` runs one worker process per framework and thread
count: a 512x512 matmul, the profiling page's MLP train step eager and
compiled (``tf.function``, XLA ``jit_compile``; ``torch.compile`` modes), and
an input pipeline with one or two parallel loaders. Never run by tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from sidebyside.errors import tool_main
from sidebyside.tools.bench.common import first_call_seconds, time_repeats
from sidebyside.tools.measured import emit, row, run_workers, write

JOBS = ("tensorflow:1", "tensorflow:2", "pytorch:1", "pytorch:2")
REPEATS, ITERS, WARMUP = 9, 30, 5
"""Nine repeats, not five: on a shared 2-core host a single busy repeat should not move the median."""
NOTE = (f"Medians of {REPEATS} repeats (each repeat kept in the row's samples; a first call is timed once); "
        "this 2-core machine was shared with other jobs while measuring, "
        "so absolute times are noisy and will be re-measured; compare variants within a column.")


def _data():
    rng = np.random.default_rng(0)
    return rng.standard_normal((64, 32)).astype("float32"), rng.integers(0, 10, 64), rng.standard_normal((512, 512)).astype("float32")


def _step_rows(framework: str, label: str, step: Callable[[], Any], compiled: bool) -> list[dict]:
    """The MLP train step in ms; a compiled variant also gets its first call minus the fastest steady call."""
    first = first_call_seconds(lambda: float(step()))
    times = time_repeats(lambda: float(step()), ITERS, REPEATS, WARMUP)
    out = [row("MLP train step", framework, label, "ms", [t * 1e3 for t in times], ITERS, WARMUP)]
    if compiled:
        out.append(row("first call (trace + compile)", framework, label, "s", [max(first - min(times), 0.0)], 1, 0))
    return out


def tensorflow_rows(threads: int, full: bool) -> list[dict]:
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    x, y, big = _data()
    out = []
    a = tf.constant(big)
    out.append(row("512x512 matmul", "tensorflow", f"{threads} thread(s)", "ms",
                   [t * 1e3 for t in time_repeats(lambda: (a @ a).numpy(), ITERS, REPEATS, WARMUP)], ITERS, WARMUP))
    variants = {"eager": {}, "tf.function": {"jit_compile": False}, "tf.function(jit_compile=True)": {"jit_compile": True}}
    for variant, options in variants.items():
        model = tf.keras.Sequential([tf.keras.Input((32,)), tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(10)])
        opt = tf.keras.optimizers.SGD(0.01)
        loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

        def step(model=model, opt=opt, loss_fn=loss_fn):
            with tf.GradientTape() as tape:
                loss = loss_fn(y, model(x))
            opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables, strict=True))
            return loss

        fn = tf.function(step, **options) if options else step
        out += _step_rows("tensorflow", f"{variant}, {threads} thread(s)", fn, compiled=bool(options))
    if full:
        samples = np.random.default_rng(1).standard_normal((256, 64, 64)).astype("float32")

        def work(s):
            for _ in range(10):
                s = tf.tanh(s @ s)
            return s

        for calls in (1, 2):
            ds = tf.data.Dataset.from_tensor_slices(samples).map(work, num_parallel_calls=calls).batch(32).prefetch(1)
            times = time_repeats(lambda ds=ds: [b for b in ds], 1, REPEATS, 1)
            out.append(row("input pipeline epoch (256 samples)", "tensorflow", "1 loader" if calls == 1 else "2 loaders", "ms", [t * 1e3 for t in times], 1, 1))
    return out


def pytorch_rows(threads: int, full: bool) -> list[dict]:
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x, y, big = _data()
    xt, yt, a = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(big)
    out = [row("512x512 matmul", "pytorch", f"{threads} thread(s)", "ms",
               [t * 1e3 for t in time_repeats(lambda: a @ a, ITERS, REPEATS, WARMUP)], ITERS, WARMUP)]
    variants = {"eager": None, "torch.compile": "default", "torch.compile(mode='max-autotune-no-cudagraphs')": "max-autotune-no-cudagraphs"}
    for variant, mode in variants.items():
        model = torch.nn.Sequential(torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        forward = torch.compile(model, mode=mode) if mode else model

        def step(forward=forward, opt=opt):
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(forward(xt), yt)
            loss.backward()
            opt.step()
            return loss

        out += _step_rows("pytorch", f"{variant}, {threads} thread(s)", step, compiled=bool(mode))
    if full:
        samples = torch.from_numpy(np.random.default_rng(1).standard_normal((256, 64, 64)).astype("float32"))
        dataset = _Work(samples)
        for workers in (0, 2):
            loader = torch.utils.data.DataLoader(dataset, batch_size=32, num_workers=workers, persistent_workers=workers > 0)
            times = time_repeats(lambda loader=loader: [b for b in loader], 1, REPEATS, 1)
            label = "1 loader" if workers == 0 else "2 loaders"  # 0 workers: the main process loads
            out.append(row("input pipeline epoch (256 samples)", "pytorch", label, "ms", [t * 1e3 for t in times], 1, 1))
    return out


class _Work:
    """Same per-sample work as the TensorFlow pipeline: ten tanh(s @ s)."""

    def __init__(self, samples) -> None:
        self.samples = samples

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, i: int):
        import torch

        s = self.samples[i]
        for _ in range(10):
            s = torch.tanh(s @ s)
        return s


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "worker":
        framework, threads = sys.argv[2].split(":")
        rows_of = tensorflow_rows if framework == "tensorflow" else pytorch_rows
        emit(rows_of(int(threads), full=threads == "1"))
        return
    print(f"wrote {write('cpu-knobs', run_workers(__spec__.name, JOBS, NOTE, REPEATS))}")


if __name__ == "__main__":
    tool_main(main)
