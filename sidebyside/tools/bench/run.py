"""Run the benchmark suite and write ``data/bench/<date>-<machine>.json``.

    python -m sidebyside.tools.bench.run            full run (make bench)
    python -m sidebyside.tools.bench.run --smoke    tiny sizes, 1 repeat (tests)

Method: each framework runs in its own process; the main workers run in
ABBA order (TF, PyTorch, PyTorch, TF) so slow drift of the machine hits both
sides alike; every repeat is kept; thread counts are fixed and equal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from sidebyside import ROOT
from sidebyside.tools.bench.common import Config
from sidebyside.tools.bench.machine import describe, slug
from sidebyside.tools.bench.schema import SCHEMA_VERSION

WORKERS = {"tensorflow": "sidebyside.tools.bench.tf_worker", "pytorch": "sidebyside.tools.bench.torch_worker"}


def worker_env(threads: int) -> dict[str, str]:
    """Same quiet, CPU-only, fixed-thread environment for both frameworks."""
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": "", "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "1",
           "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads), "PYTHONHASHSEED": "0",
           "PYTHONPATH": str(ROOT)}
    env.pop("KERAS_BACKEND", None)
    return env


def run_worker(framework: str, mode: str, config: Config) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", WORKERS[framework], mode, config.to_json()],
                          capture_output=True, text=True, env=worker_env(config.threads), timeout=1800, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{framework} {mode} worker failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def stamp_round(results: list[dict], number: int) -> list[dict]:
    """Mark every training run a worker returned with the round it ran in."""
    for item in results:
        for run in item["extra"].get("runs", []):
            run["round"] = number
    return results


def merge(results: list[dict]) -> list[dict]:
    """Concatenate the repeats of the same (case, framework, variant) across rounds.

    Per-run details (``extra.runs``) are concatenated too, so every round's
    runs are kept, not only the first round's.
    """
    merged: dict[tuple[str, str, str], dict] = {}
    for item in results:
        key = (item["case"], item["framework"], item["variant"])
        if key in merged:
            merged[key]["repeats"].extend(item["repeats"])
            if "runs" in item["extra"]:
                merged[key]["extra"]["runs"].extend(item["extra"]["runs"])
        else:
            extra = {**item["extra"], **({"runs": list(item["extra"]["runs"])} if "runs" in item["extra"] else {})}
            merged[key] = {**item, "repeats": list(item["repeats"]), "extra": extra}
    return list(merged.values())


NUMPY_REFERENCE = """
import json, sys, time
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits
n, iters, repeats, threads = map(int, sys.argv[1:5])
a, b = np.random.rand(n, n).astype("float32"), np.random.rand(n, n).astype("float32")
with threadpool_limits(threads):
    a @ b
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(iters):
            a @ b
        out.append(2 * n**3 / ((time.perf_counter() - t) / iters) / 1e9)
    info = [{k: p.get(k) for k in ("internal_api", "version", "architecture")} for p in threadpool_info()]
print(json.dumps({"repeats": out, "blas": info}))
"""


def numpy_reference(config: Config) -> dict:
    """Measured matmul peak of NumPy's BLAS at the same size and thread count.

    OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are unset for this one command only:
    they pin an older OpenBLAS kernel and would understate the machine.
    """
    env = worker_env(config.threads)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    args = [str(config.matmul_size), str(config.matmul_iters), str(max(config.repeats * 2, 1)), str(config.threads)]
    proc = subprocess.run([sys.executable, "-c", NUMPY_REFERENCE, *args], capture_output=True, text=True, env=env, check=True)
    data = json.loads(proc.stdout)
    n = config.matmul_size
    return {"case": f"Matmul {n}x{n} float32", "group": "matmul", "framework": "numpy", "variant": "NumPy BLAS (reference)",
            "unit": "GFLOP/s", "lower_is_better": False, "repeats": data["repeats"], "extra": {"blas": data["blas"]}}


def run_suite(config: Config, log=print) -> dict:
    """Run everything and return the result document (not yet written)."""
    results: list[dict] = []
    rounds = [("tensorflow", "pytorch"), ("pytorch", "tensorflow")]
    for number, order in enumerate(rounds[: 1 if config.smoke else 2], start=1):
        for framework in order:
            log(f"main benchmarks: {framework}")
            results += stamp_round(run_worker(framework, "main", config), number)
    startup_runs = 1 if config.smoke else 5
    for i in range(startup_runs):
        for framework in (("tensorflow", "pytorch") if i % 2 == 0 else ("pytorch", "tensorflow")):
            log(f"start-up run {i + 1}/{startup_runs}: {framework}")
            results += run_worker(framework, "startup", config)
    results.append(numpy_reference(config))
    return {
        "schema": SCHEMA_VERSION,
        "date": dt.date.today().isoformat(),
        "mode": "smoke" if config.smoke else "full",
        "config": json.loads(config.to_json()),
        **describe(config.threads),
        "measurements": merge(results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and 1 repeat")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", type=Path, help="result file (default data/bench/<date>-<machine>.json)")
    args = parser.parse_args(argv)
    config = Config.smoke_config() if args.smoke else Config(threads=args.threads)
    if args.smoke and args.threads != 1:
        config = Config(**{**json.loads(config.to_json()), "threads": args.threads})
    doc = run_suite(config, log=lambda m: print(m, file=sys.stderr))
    out = args.out or ROOT / "data" / "bench" / f"{doc['date']}-{slug(doc)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
