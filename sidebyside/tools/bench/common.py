"""What both benchmark workers share: sizes, data, weights and the timing loop.

Keeping these in one place is what makes the comparison fair: both sides
train the same architecture on the same digits split with the same batch
size, and time with the same warm-up and repeat policy.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Config:
    """Sizes and repeat counts; ``smoke()`` shrinks everything for tests."""

    repeats: int = 3
    warmup: int = 3
    step_iters: int = 20
    batch: int = 64
    train_batch: int = 32
    max_epochs: int = 40
    target_accuracy: float = 0.95
    latency_iters: int = 50
    matmul_size: int = 1024
    matmul_iters: int = 10
    pipeline_epochs: int = 2
    threads: int = 1
    smoke: bool = False
    compile_backend: str = "inductor"
    """``torch.compile``'s backend. The smoke run (a test that the harness works end to end, not a figure) uses
    ``aot_eager``: it traces and splits forward and backward as Inductor does but generates no C++, which is
    most of Inductor's first-call time on a CPU host. Every published figure comes from a full run (Inductor)."""

    @classmethod
    def smoke_config(cls) -> Config:
        return cls(repeats=1, warmup=1, step_iters=2, max_epochs=1, latency_iters=2,
                   matmul_size=128, matmul_iters=2, pipeline_epochs=1, smoke=True, compile_backend="aot_eager")

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Config:
        return cls(**json.loads(text))


@dataclass
class Measurement:
    """One benchmark case for one framework, with every repeat kept."""

    case: str
    group: str
    framework: str
    variant: str
    unit: str
    lower_is_better: bool
    repeats: list[float]
    extra: dict[str, Any] = field(default_factory=dict)


def digits() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """scikit-learn's bundled digits (no download), scaled, fixed 80/20 split."""
    from sklearn.datasets import load_digits

    data = load_digits()
    x = (data.data / 16.0).astype("float32")
    y = data.target.astype("int64")
    order = np.random.RandomState(0).permutation(len(x))
    x, y = x[order], y[order]
    cut = int(0.8 * len(x))
    return x[:cut], y[:cut], x[cut:], y[cut:]


def batch_of(n: int, image: bool) -> np.ndarray:
    """A deterministic input batch: flat (n, 64) or channels-last images (n, 8, 8, 1)."""
    x = np.random.RandomState(1).rand(n, 64).astype("float32")
    return x.reshape(n, 8, 8, 1) if image else x


def labels_of(n: int) -> list[int]:
    """The class labels that go with ``batch_of(n, ...)``: 0 to 9, repeating, the same on both sides."""
    return [i % 10 for i in range(n)]


def time_repeats(fn: Callable[[], Any], iters: int, repeats: int, warmup: int) -> list[float]:
    """Seconds per call for each repeat, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(iters):
            fn()
        times.append((time.perf_counter() - start) / iters)
    return times


def first_call_seconds(fn: Callable[[], Any]) -> float:
    """Wall time of one call: used for compile time (first call minus steady state)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def first_use_measurement(framework: str, compile_tiny: Callable[[], Any]) -> Measurement:
    """Time the very first compile in the process, of a one-line function.

    Without this, the first model compiled would also pay the compiler's
    one-time start-up (imports, worker pools) and look slower to compile
    than a bigger model compiled after it.
    """
    return Measurement("Compiler first use (one-line function)", "compile", framework, "compiled", "s", True,
                       [first_call_seconds(compile_tiny)])


def step_measurements(framework: str, model: str, variant: str, step: Callable[[], Any], config: Config) -> list[Measurement]:
    """Time a train-step variant; compiled variants also get their compile time.

    Compile time is the first call minus the fastest steady call, so both
    frameworks define it the same way.
    """
    first = first_call_seconds(step) if variant != "eager" else None
    times = time_repeats(step, config.step_iters, config.repeats, config.warmup)
    out = [Measurement(f"{model} train step, {variant}", "step", framework, variant, "ms", True, [t * 1e3 for t in times])]
    if first is not None:
        compile_s = max(first - min(times), 0.0)
        out.append(Measurement(f"{model} compile time, {variant}", "compile", framework, variant, "s", True, [compile_s]))
    return out


def training_case(config: Config) -> str:
    return f"Training time, {config.max_epochs} epochs (CNN, digits)"


def target_case(config: Config) -> str:
    return f"Time to {config.target_accuracy:.0%} test accuracy (CNN, digits)"


class TrainingRun:
    """Bookkeeping for one training run with a fixed epoch budget.

    The run always trains ``max_epochs`` so every run measures the same
    work; the first epoch whose test accuracy reaches the target is noted
    on the way. A run that never reaches it is recorded as missed, never as
    a time to target.
    """

    def __init__(self, seed: int, target: float) -> None:
        self.seed, self.target = seed, target
        self.seconds, self.epochs, self.accuracy = 0.0, 0, 0.0
        self.epoch_reached: int | None = None
        self.seconds_to_target: float | None = None

    def epoch_done(self, seconds: float, accuracy: float) -> None:
        self.seconds += seconds
        self.epochs += 1
        self.accuracy = accuracy
        if self.epoch_reached is None and accuracy >= self.target:
            self.epoch_reached, self.seconds_to_target = self.epochs, self.seconds

    def record(self) -> dict[str, Any]:
        reached = self.epoch_reached is not None
        return {"round": None, "seed": self.seed, "epochs": self.epochs, "seconds": self.seconds,
                "test_accuracy": round(self.accuracy, 4), "reached": reached,
                "epoch_reached": self.epoch_reached, "seconds_to_target": self.seconds_to_target}


def training_measurements(framework: str, variant: str, runs: list[TrainingRun], samples: int, config: Config) -> list[Measurement]:
    """The three training cases from repeated fixed-budget runs.

    Time for the whole budget and throughput are measured by every run; the
    time to target exists only for the runs that reached it, and the list of
    runs says which did (``run`` fills in each run's round).
    """
    records = [run.record() for run in runs]
    return [
        Measurement(training_case(config), "training", framework, variant, "s", True, [r["seconds"] for r in records],
                    {"epochs": config.max_epochs}),
        Measurement("Training throughput (CNN, digits)", "training", framework, variant, "samples/s", False,
                    [r["epochs"] * samples / r["seconds"] for r in records]),
        Measurement(target_case(config), "training", framework, variant, "s", True,
                    [r["seconds_to_target"] for r in records if r["reached"]],
                    {"target_accuracy": config.target_accuracy, "runs": records}),
    ]


def onnx_runner(path: Path, threads: int) -> Callable[[np.ndarray], Any]:
    """An onnxruntime CPU session on ``path`` with the workers' thread count, as a call on one input array."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return lambda x: session.run(None, {name: x})


def latency_measurements(framework: str, batch: int, runtimes: dict[tuple[str, str], Callable[[], Any]],
                         config: Config) -> list[Measurement]:
    """One inference-latency case per (kind, variant) runtime, in ms, timed the same way on both sides."""
    out = []
    for (kind, variant), fn in runtimes.items():
        times = time_repeats(fn, config.latency_iters, config.repeats, config.warmup)
        out.append(Measurement(f"Inference latency, batch {batch}, {kind}", "inference", framework, variant, "ms", True,
                               [t * 1e3 for t in times], {"batch": batch}))
    return out


def sample_files(x: np.ndarray) -> list[Path]:
    """Each row of ``x`` as one raw float32 file in a fresh folder, in row order: the on-disk pipeline's input."""
    folder = Path(tempfile.mkdtemp(prefix="bench-files-"))
    for i, row in enumerate(x):
        row.tofile(folder / f"{i:05d}.bin")
    return sorted(folder.glob("*.bin"))


def pipeline_measurement(framework: str, source: str, variant: str, library: str, batches: Iterable[Any],
                         samples: int, config: Config) -> Measurement:
    """Samples per second of whole passes over ``batches`` (one warm-up pass)."""
    def epoch() -> None:
        for _ in batches:
            pass
    times = time_repeats(epoch, config.pipeline_epochs, config.repeats, 1)
    return Measurement(f"Input pipeline, {source}, {variant}", "pipeline", framework, library, "samples/s", False,
                       [samples / t for t in times])


def matmul_measurement(framework: str, variant: str, matmul: Callable[[], Any], config: Config,
                       extra: dict[str, Any] | None = None) -> list[Measurement]:
    """GFLOP/s of ``matmul``, an n x n float32 product with n = ``config.matmul_size``."""
    n = config.matmul_size
    times = time_repeats(matmul, config.matmul_iters, config.repeats, config.warmup)
    return [Measurement(f"Matmul {n}x{n} float32", "matmul", framework, variant, "GFLOP/s", False,
                        [2 * n**3 / t / 1e9 for t in times], extra or {})]


def startup_measurements(framework: str, module: str, imported: float, step: str) -> list[Measurement]:
    """Import time and this process's peak RSS so far (read now, after the caller's few training steps)."""
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        Measurement("Import time", "startup", framework, f"import {module}", "s", True, [imported]),
        Measurement("Peak RSS of a training step", "startup", framework, step, "MB", True, [rss_mb]),
    ]


def emit(measurements: list[Measurement]) -> None:
    """Workers print one JSON document on stdout; the orchestrator parses it."""
    sys.stdout.write(json.dumps([asdict(m) for m in measurements]) + "\n")


def worker_main(startup: Callable[[Config], list[Measurement]], setup: Callable[[Config], Any],
                benchmarks: Iterable[Callable[[Any, Config], list[Measurement]]]) -> None:
    """The command line both workers answer, ``main|startup CONFIG_JSON``: one JSON list of measurements.

    ``startup`` runs alone, in a fresh process; otherwise ``setup`` imports and seeds the framework once
    and every benchmark gets it, in order.
    """
    mode, config = sys.argv[1], Config.from_json(sys.argv[2])
    if mode == "startup":
        emit(startup(config))
        return
    framework = setup(config)
    emit([m for benchmark in benchmarks for m in benchmark(framework, config)])
