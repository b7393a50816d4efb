"""PyTorch side of the benchmarks; runs in its own process, imports no TensorFlow.

Usage (by ``run``): ``python -m sidebyside.tools.bench.torch_worker main|startup CONFIG_JSON``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from sidebyside.tools.bench import common
from sidebyside.tools.bench.common import Config, Measurement, TrainingRun

FW = "pytorch"


def _import(config: Config):
    import torch

    torch.set_num_threads(config.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    return torch


def models(torch):
    """The same two architectures as tf_worker.models, channels-first."""
    nn = torch.nn
    mlp = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    cnn = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding="same"), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding="same"), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10),
    )
    return {"MLP": mlp, "CNN": cnn}


def as_input(torch, x):
    """Channels-last numpy images -> channels-first tensor; flat stays flat."""
    t = torch.from_numpy(x)
    return t.permute(0, 3, 1, 2).contiguous() if t.ndim == 4 else t


def step_benchmarks(torch, config: Config) -> list[Measurement]:
    out = [common.first_use_measurement(FW, lambda: torch.compile(lambda t: torch.relu(t) * 2, backend=config.compile_backend)(torch.ones(8)))]
    loss_fn = torch.nn.CrossEntropyLoss()
    for name, model in models(torch).items():
        x = as_input(torch, common.batch_of(config.batch, image=name == "CNN"))
        y = torch.tensor(common.labels_of(config.batch))
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        compiled_model = torch.compile(model, backend=config.compile_backend)

        def make_step(forward, x=x, y=y, optimizer=optimizer):
            def step():
                optimizer.zero_grad()
                loss = loss_fn(forward(x), y)
                loss.backward()
                optimizer.step()
                return loss
            return step

        for variant, fn in (("eager", make_step(model)), ("compiled", make_step(compiled_model))):
            out += common.step_measurements(FW, name, variant, fn, config)
    return out


def training_benchmark(torch, config: Config) -> list[Measurement]:
    x_train, y_train, x_test, y_test = common.digits()
    xt = torch.from_numpy(x_train.reshape(-1, 1, 8, 8))
    yt = torch.from_numpy(y_train)
    xv = torch.from_numpy(x_test.reshape(-1, 1, 8, 8))
    runs = []
    for repeat in range(config.repeats):
        torch.manual_seed(repeat)
        runs.append(_train_once(torch, config, TrainingRun(repeat, config.target_accuracy), xt, yt, xv, y_test))
    return common.training_measurements(FW, "training loop", runs, len(xt), config)


def _train_once(torch, config: Config, run: TrainingRun, xt, yt, xv, y_test) -> TrainingRun:
    """Train a fresh CNN for the whole epoch budget; evaluation is not timed."""
    model = models(torch)["CNN"]
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xt, yt), batch_size=config.train_batch, shuffle=True)
    for _ in range(config.max_epochs):
        start = time.perf_counter()
        model.train()
        for xb, yb in loader:
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
        seconds = time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            run.epoch_done(seconds, float((model(xv).argmax(1).numpy() == y_test).mean()))
    return run


def inference_benchmarks(torch, config: Config) -> list[Measurement]:
    out = []
    model = models(torch)["CNN"].eval()
    work = Path(tempfile.mkdtemp(prefix="bench-torch-"))
    example = as_input(torch, common.batch_of(2, image=True))
    batch_dim = torch.export.Dim("batch")
    exported = torch.export.export(model, (example,), dynamic_shapes=({0: batch_dim},)).module()
    onnx_path = work / "model.onnx"
    torch.onnx.export(model, (example,), str(onnx_path), dynamo=True, dynamic_shapes=({0: batch_dim},))
    run_onnx = common.onnx_runner(onnx_path, config.threads)
    compiled = torch.compile(model, backend=config.compile_backend)
    for batch in (1, 64):
        x = as_input(torch, common.batch_of(batch, image=True))
        x_np = x.numpy()

        def no_grad(fn, x=x):
            def call():
                with torch.inference_mode():
                    return fn(x)
            return call

        runtimes = {
            ("native eager", "model(x)"): no_grad(model),
            ("native compiled", "torch.compile"): no_grad(compiled),
            ("exported program", "torch.export"): no_grad(exported),
            ("ONNX", "onnxruntime (torch.onnx)"): lambda x_np=x_np: run_onnx(x_np),
        }
        out += common.latency_measurements(FW, batch, runtimes, config)
    return out


class _Files:
    """A map-style dataset reading one raw float32 sample per file."""

    def __init__(self, paths: list[Path], labels) -> None:
        self.paths, self.labels = paths, labels

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, i: int):
        import numpy as np

        return np.fromfile(self.paths[i], dtype="float32"), self.labels[i]


class _Memory:
    def __init__(self, x, y) -> None:
        self.x, self.y = x, y

    def __len__(self) -> int:
        return len(self.x)

    def __getitem__(self, i: int):
        return self.x[i] * 1.0, self.y[i]


def pipeline_benchmarks(torch, config: Config) -> list[Measurement]:
    x_train, y_train, _, _ = common.digits()
    files = common.sample_files(x_train)
    out = []
    for workers, variant in ((0, "serial"), (2, "2 parallel workers")):
        for source, dataset in (("in-memory arrays", _Memory(x_train, y_train)), ("files on disk", _Files(files, y_train))):
            loader = torch.utils.data.DataLoader(dataset, batch_size=config.batch, num_workers=workers)
            out.append(common.pipeline_measurement(FW, source, variant, f"DataLoader, {workers} workers", loader, len(x_train), config))
    return out


def matmul_benchmark(torch, config: Config) -> list[Measurement]:
    n = config.matmul_size
    a, b = torch.rand(n, n), torch.rand(n, n)
    build = torch.__config__.show()
    blas = build.split("BLAS_INFO=", 1)[1].split(",", 1)[0] if "BLAS_INFO=" in build else "unknown"
    return common.matmul_measurement(FW, f"torch.mm ({blas} BLAS)", lambda: torch.mm(a, b), config, {"blas": blas})


def startup(config: Config) -> list[Measurement]:
    start = time.perf_counter()
    torch = _import(config)
    imported = time.perf_counter() - start
    model = models(torch)["CNN"]
    optimizer = torch.optim.Adam(model.parameters())
    x = as_input(torch, common.batch_of(config.batch, image=True))
    y = torch.tensor(common.labels_of(config.batch))
    for _ in range(2):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    return common.startup_measurements(FW, "torch", imported, "CNN step")


def _import_uncached(config: Config):
    # An empty Inductor cache per process: compile time must be a compile, not a load of
    # code cached on disk by an earlier run (the default cache lives in /tmp and outlives runs).
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-inductor-")
    return _import(config)


def main() -> None:
    common.worker_main(startup, _import_uncached,
                       (step_benchmarks, training_benchmark, inference_benchmarks, pipeline_benchmarks, matmul_benchmark))

if __name__ == "__main__":
    main()
