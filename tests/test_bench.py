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
from sidebyside.tools.bench.run import merge
from sidebyside.tools.bench.schema import load_results, newest


def fixture_doc() -> dict:
    """A small, valid document built here (not a recording of a real run)."""
    def m(case, group, fw, variant, unit, lower, reps):
        return {"case": case, "group": group, "framework": fw, "variant": variant, "unit": unit,
                "lower_is_better": lower, "repeats": reps, "extra": {}}
    return {
        "schema": 2, "date": "2026-01-02", "mode": "full", "config": {}, "os": "Linux", "python": "3.11",
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
            target_item("tensorflow", [run(1, 0, 0.97, 3), run(1, 1, 0.96, 4)]),
            target_item("pytorch", [run(1, 0, 0.98, 2), run(1, 1, 0.97, 2)]),
        ],
    }


def run(round_: int, seed: int, accuracy: float | None, epoch: int | None, epochs: int = 5, target: float = 0.95) -> dict:
    """One training run record; ``epoch`` None means the run missed the target."""
    reached = None if accuracy is None else epoch is not None
    return {"round": round_, "seed": seed, "epochs": epochs, "seconds": float(epochs), "test_accuracy": accuracy,
            "reached": reached, "epoch_reached": epoch if reached else None,
            "seconds_to_target": float(epoch) if reached else None}


def target_item(framework: str, runs: list[dict]) -> dict:
    return {"case": "Time to 95% test accuracy (CNN, digits)", "group": "training", "framework": framework, "variant": "v",
            "unit": "s", "lower_is_better": True, "repeats": [r["seconds_to_target"] for r in runs if r["reached"] is True],
            "extra": {"target_accuracy": 0.95, "runs": runs}}


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


def by_case(doc: dict, tmp_path: Path) -> dict:
    return {r.case: r for r in rows(load_results(write(tmp_path, doc)))}


def test_time_to_target_has_a_ratio_only_when_every_run_of_both_sides_reached_it(tmp_path: Path) -> None:
    case = "Time to 95% test accuracy (CNN, digits)"
    doc = fixture_doc()
    assert by_case(doc, tmp_path)[case].ratio == pytest.approx(3.5 / 2.0)
    doc["measurements"][-2] = target_item("tensorflow", [run(1, 0, 0.97, 3), run(1, 1, 0.93, None)])
    row = by_case(doc, tmp_path)[case]
    assert row.ratio is None and row.faster == "target not reached in every run"
    doc["measurements"][-2] = target_item("tensorflow", [run(1, 0, 0.97, 3), run(2, 0, None, None)])
    assert by_case(doc, tmp_path)[case].ratio is None, "a run whose outcome was not recorded is not a reached run"


def test_page_shows_a_missed_target_as_not_reached_with_every_run(tmp_path: Path) -> None:
    doc = fixture_doc()
    doc["measurements"][-2] = target_item("tensorflow", [run(1, 0, 0.9417, None, epochs=40), run(2, 0, None, None)])
    text = render_document(doc, "x.json", "../assets/bench")
    line = [t for t in text.splitlines() if t.startswith("| Time to 95% test accuracy (CNN, digits) | s |")][-1]
    assert "not reached<br><small>0 of 2 runs reached 95%; 1 missed (best 0.9417 after 40 epochs); 1 not recorded" in line
    assert line.endswith("| — |"), "no ratio where a run missed"
    assert "| TensorFlow | 1 | 0 | 40 | 40.00 | 0.9417 | no |" in text
    assert "| TensorFlow | 2 | 0 | 5 | 5.00 | not recorded | not recorded |" in text
    assert "| PyTorch | 1 | 1 | 5 | 5.00 | 0.9700 | yes, epoch 2 |" in text


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["measurements"][-2]["extra"]["runs"][0].update(test_accuracy=0.90, epoch_reached=5),
         "test accuracy 0.9 is below the target 0.95 at the epoch it reached it"),
        (lambda d: d["measurements"][-2]["extra"]["runs"][0].update(reached=False),
         "a run that missed the target has no 'epoch_reached'"),
        (lambda d: d["measurements"][-2].update(repeats=[3.0, 4.0, 1.0]), "'repeats' must be the times to target"),
        (lambda d: d["measurements"][-2]["extra"]["runs"][0].update(reached=None),
         "a run whose outcome was not recorded"),
        (lambda d: d["measurements"][-2]["extra"]["runs"][0].pop("seed"), "a run must have exactly the fields"),
        (lambda d: d.update(extra_field=1), "unknown top-level field 'extra_field'"),
        (lambda d: d.update(schema=1), "unknown schema version 1; expected 2"),
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
    assert all(len(m["extra"].get("runs", m["repeats"])) >= 5 for m in doc["measurements"]
               if m["group"] not in ("startup", "compile")), \
        "every timed case needs at least 5 repeats"


def test_merge_keeps_the_runs_of_every_round() -> None:
    def result(round_):
        return [{"case": "c", "framework": "pytorch", "variant": "v", "repeats": [float(round_)],
                 "extra": {"target_accuracy": 0.95, "runs": [run(round_, 0, 0.9, None)]}}]
    merged = merge(result(1) + result(2))
    assert [r["round"] for r in merged[0]["extra"]["runs"]] == [1, 2]


def test_committed_charts_are_exactly_what_the_committed_data_draws(tmp_path: Path) -> None:
    latest = newest(ROOT / "data" / "bench")
    for chart in draw(latest, tmp_path):
        committed = ROOT / "docs" / "assets" / "bench" / chart.name
        assert committed.read_bytes() == chart.read_bytes(), \
            f"{committed.relative_to(ROOT)} is stale; run 'python -m sidebyside.tools.bench.charts {latest.relative_to(ROOT)} docs/assets/bench'"


@pytest.mark.slow
def test_smoke_run_produces_valid_results_and_charts(tmp_path: Path) -> None:
    out = tmp_path / "smoke.json"
    proc = subprocess.run([sys.executable, "-m", "sidebyside.tools.bench.run", "--smoke", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = load_results(out)
    assert doc["mode"] == "smoke" and doc["config"]["compile_backend"] == "aot_eager"  # no published figure comes from it
    groups = {(m["group"], m["framework"]) for m in doc["measurements"]}
    for group in ("step", "compile", "training", "inference", "pipeline", "startup", "matmul"):
        assert {(group, "tensorflow"), (group, "pytorch")} <= groups, f"{group} missing for a framework"
    charts = draw(out, tmp_path / "charts")
    for chart in charts:
        text = chart.read_text(encoding="utf-8")
        assert text.startswith("<?xml") and "<svg" in text
