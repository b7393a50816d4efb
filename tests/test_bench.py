"""The benchmark suite runs (smoke mode), its output validates, the page renders it.

No test here asserts a speed: speed is reported by ``make bench``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.site.renderers.bench_results import render_document
from sidebyside.tools.bench.charts import draw
from sidebyside.tools.bench.compare import rows
from sidebyside.tools.bench.schema import load_results, newest


def fixture_doc() -> dict:
    """A small, valid document built here (not a recording of a real run)."""
    def m(case, group, fw, variant, unit, lower, reps):
        return {"case": case, "group": group, "framework": fw, "variant": variant, "unit": unit,
                "lower_is_better": lower, "repeats": reps, "extra": {}}
    return {
        "schema": 1, "date": "2026-01-02", "mode": "full", "config": {}, "os": "Linux", "python": "3.11",
        "machine": {"cpu": "Test CPU", "cores": 2, "memory_gib": 4, "arch": "x86_64"},
        "versions": {"tensorflow": "2.21.0", "keras": "3", "torch": "2.13.0", "numpy": "2", "onnxruntime": "1"},
        "threads": {"intra_op": 1, "inter_op": 1},
        "measurements": [
            m("MLP train step, eager", "step", "tensorflow", "eager", "ms", True, [4.0, 6.0, 5.0]),
            m("MLP train step, eager", "step", "pytorch", "eager", "ms", True, [1.0, 3.0, 2.0]),
            m("Import time", "startup", "tensorflow", "import tensorflow", "s", True, [4.0]),
            m("Training throughput (CNN, digits)", "training", "pytorch", "loop", "samples/s", False, [100.0]),
            m("Training throughput (CNN, digits)", "training", "tensorflow", "fit", "samples/s", False, [300.0]),
            m("Matmul 8x8 float32", "matmul", "tensorflow", "tf.matmul", "GFLOP/s", False, [50.0]),
            m("Matmul 8x8 float32", "matmul", "numpy", "NumPy", "GFLOP/s", False, [90.0, 100.0]),
        ],
    }


def write(tmp_path: Path, doc: object, name: str = "2026-01-02-test.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def test_rows_compute_medians_ratios_and_winner(tmp_path: Path) -> None:
    by_case = {r.case: r for r in rows(load_results(write(tmp_path, fixture_doc())))}
    step = by_case["MLP train step, eager"]
    assert (step.tf.median, step.pt.median, step.ratio, step.faster) == (5.0, 2.0, 2.5, "PyTorch")
    throughput = by_case["Training throughput (CNN, digits)"]
    assert throughput.ratio == 3.0 and throughput.faster == "TensorFlow"  # higher is better here
    assert by_case["Import time"].ratio is None


def test_page_renders_every_case_and_the_peak_share(tmp_path: Path) -> None:
    doc = fixture_doc()
    text = render_document(doc, "x.json", "../assets/bench")
    for item in doc["measurements"]:
        assert item["case"] in text
    assert "| MLP train step, eager | ms | 2.50 | PyTorch |" in text
    assert "TensorFlow reaches 50% of it" in text
    assert "Test CPU, 2 cores" in text


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("machine"), "missing top-level field 'machine'"),
        (lambda d: d.update(schema=7), "unknown schema version 7"),
        (lambda d: d["measurements"][0].pop("unit"), "measurement has wrong fields (unit)"),
        (lambda d: d["measurements"][1].update(repeats=[]), "case 'MLP train step, eager' has no valid repeat times"),
        (lambda d: d["measurements"][1].update(framework="jax"), "unknown framework 'jax'"),
    ],
)
def test_bad_result_files_name_the_file_and_problem(tmp_path: Path, mutate, expected: str) -> None:
    doc = fixture_doc()
    mutate(doc)
    path = write(tmp_path, doc)
    with pytest.raises(SiteError) as info:
        load_results(path)
    assert path.name in info.value.message and expected in info.value.message


def test_truncated_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n "schema": 1,\n "date": \n', encoding="utf-8")
    with pytest.raises(SiteError) as info:
        load_results(path)
    assert "bad.json:4: invalid JSON" in info.value.message


def test_committed_results_validate_and_are_a_full_run() -> None:
    latest = newest(ROOT / "data" / "bench")
    assert latest is not None, "no benchmark results committed; run 'make bench'"
    doc = load_results(latest)
    assert doc["mode"] == "full"
    assert all(len(m["repeats"]) >= 5 for m in doc["measurements"] if m["group"] not in ("startup", "compile")), \
        "every timed case needs at least 5 repeats"


@pytest.mark.slow
def test_smoke_run_produces_valid_results_and_charts(tmp_path: Path) -> None:
    out = tmp_path / "smoke.json"
    proc = subprocess.run([sys.executable, "-m", "sidebyside.tools.bench.run", "--smoke", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = load_results(out)
    groups = {(m["group"], m["framework"]) for m in doc["measurements"]}
    for group in ("step", "compile", "training", "inference", "pipeline", "startup", "matmul"):
        assert {(group, "tensorflow"), (group, "pytorch")} <= groups, f"{group} missing for a framework"
    charts = draw(out, tmp_path / "charts")
    for chart in charts:
        text = chart.read_text(encoding="utf-8")
        assert text.startswith("<?xml") and "<svg" in text
