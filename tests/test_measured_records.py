"""Measurement records hold together: summaries come from the samples (``sidebyside.tools.measured``).

A row written by the tool keeps every repeat under ``samples`` and its
median, min, max and n must be exactly what they give; an older row without
samples must at least be ordered and have a repeat count that can give its
spread. Each lie is planted in a scratch record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sidebyside.errors import SiteError
from sidebyside.tools import measured

FIX = "summaries are derived from the samples, not edited: run 'make measure-x' and commit data/measured/x.json"


def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[dict]) -> Path:
    monkeypatch.setattr(measured, "MEASURED", tmp_path)
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"date": "2026-12-06", "machine": {}, "note": "n", "rows": rows}, indent=2) + "\n")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_the_tool_keeps_samples_and_derives_the_summary() -> None:
    r = measured.row("one call", "pytorch", "float32", "µs", [3.0, 1.0, 2.0])
    assert (r["samples"], r["median"], r["min"], r["max"], r["n"]) == ([3.0, 1.0, 2.0], 2.0, 1.0, 3.0, 3)
    assert measured.summary_problem(r) is None


def test_committed_records_hold_together() -> None:
    for name in ("quantization-latency", "cpu-knobs"):
        for r in measured.load(name)["rows"]:
            assert measured.summary_problem(r) is None


def test_lie_median_edited_away_from_its_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = measured.row("one call", "pytorch", "float32", "µs", [0.74, 0.75, 0.76])
    r["median"] = 1.5
    path = record(tmp_path, monkeypatch, [r])
    with pytest.raises(SiteError) as caught:
        measured.load("x")
    assert caught.value.message == (f"{path}:{line_of(path, '1.5')}: row 'one call, pytorch, float32': "
                                    f"median 1.5 is not what its samples give (0.75); {FIX}")


def test_lie_latency_doubled_in_a_row_without_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = {"case": "one call", "framework": "tensorflow", "variant": "float32", "unit": "µs",
         "median": 1.4912, "min": 0.7426, "max": 0.7615, "n": 5}
    path = record(tmp_path, monkeypatch, [r])
    with pytest.raises(SiteError) as caught:
        measured.load("x")
    assert caught.value.message == (f"{path}:{line_of(path, '1.4912')}: row 'one call, tensorflow, float32': "
                                    f"median 1.4912 is outside its min–max (0.7426–0.7615); {FIX}")


def test_lie_one_repeat_with_a_spread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = {"case": "first call", "framework": "tensorflow", "variant": "eager", "unit": "ms",
         "median": 2.0, "min": 1.0, "max": 3.0, "n": 1}
    record(tmp_path, monkeypatch, [r])
    with pytest.raises(SiteError, match=r"row 'first call, tensorflow, eager': n = 1 cannot give min 1.0 and max 3.0"):
        measured.load("x")
