"""Time ``model.fit`` of one Keras model on the TensorFlow, PyTorch and JAX backends.

    python -m sidebyside.tools.backend_fit [--repeats 5] [--note TEXT]

Each backend runs in its own fresh process (``KERAS_BACKEND`` must be set
before Keras is imported), with one thread, after one warm-up epoch that
pays for tracing and compilation. The result is written to
``data/backends/fit-speed.json`` and rendered by ``@render keras-backend-fit``;
pages never type these numbers. Pass ``--note`` to say under which
conditions the numbers were taken (for example a shared machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.backend_fit import run_identity
from sidebyside.data.samples import samples_digest
from sidebyside.tools.bench.machine import cpu_model

RESULT = ROOT / "data" / "backends" / "fit-speed.json"
BACKENDS = ("tensorflow", "torch", "jax")

CHILD = r'''
import json, os, sys, time
import keras
import numpy as np
from sklearn.datasets import load_digits

repeats = int(sys.argv[1])
digits = load_digits()
x = (digits.data[:1792] / 16.0).astype("float32")
y = digits.target[:1792].astype("int64")
model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(256, activation="relu"),
                          keras.layers.Dense(256, activation="relu"), keras.layers.Dense(10)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(x, y, batch_size=64, epochs=1, shuffle=False, verbose=0)  # warm-up: tracing and compilation
times = []
for _ in range(repeats):
    start = time.perf_counter()
    model.fit(x, y, batch_size=64, epochs=1, shuffle=False, verbose=0)
    times.append(time.perf_counter() - start)
versions = {"keras": keras.__version__}
backend = keras.backend.backend()
module = {"tensorflow": "tensorflow", "torch": "torch", "jax": "jax"}[backend]
versions[module] = __import__(module).__version__
print(json.dumps({"backend": backend, "seconds_per_epoch": times, "versions": versions}))
'''
"""The measured program: the same model and data in every backend; only the environment differs."""


def measure(backend: str, repeats: int) -> dict:
    """Run the child program on ``backend`` and return its JSON line."""
    env = {**os.environ, "KERAS_BACKEND": backend, "CUDA_VISIBLE_DEVICES": "", "OMP_NUM_THREADS": "1",
           "TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
           "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(repeats)], env=env, capture_output=True,
                          text=True, timeout=1800, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--note", default="", help="conditions of this run, shown on the page")
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    workload = "Keras MLP 64-256-256-10, digits (1792 samples), batch 64, SGD, one epoch per repeat, 1 thread"
    runs = [measure(backend, args.repeats) for backend in BACKENDS]
    for run in runs:  # the fingerprint ties each backend's times to it: times edited or swapped no longer load
        run["samples_sha256"] = samples_digest(run_identity(run["backend"], workload), run["seconds_per_epoch"])
    doc = {
        "date": dt.date.today().isoformat(),
        "machine": f"{cpu_model()}, {os.cpu_count()} logical cores",
        "python": platform.python_version(),
        "method": {"repeats": args.repeats, "warmup_epochs": 1, "threads": 1, "nice": os.nice(0),
                   "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]},
        "note": args.note,
        "workload": workload,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
