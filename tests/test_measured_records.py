"""Measurement records are evidence: raw samples, how they were taken, and every figure derived from them.

``sidebyside.tools.measured`` writes each row's repeats under ``samples``
with their fingerprint (``samples_sha256``), the calls per sample and the
warm-up, and the record says how it was taken (host, Python, versions,
threads, repeats, niceness, load). Loading refuses a summary its samples do
not give, samples the tool did not write, a repeat count the method does
not take, a row without samples, and versions other than the pins. Each lie
is planted in a scratch copy of a committed record.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from sidebyside.data.pins import pins
from sidebyside.errors import SiteError
from sidebyside.tools import measured
from tests.planting import line_of

NAMES = ("quantization-latency", "cpu-knobs")
VERSIONS = '"versions"'
FIX = "samples are measured and summaries derived from them, not edited: run 'make measure-x' and commit data/measured/x.json"


def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: dict) -> Path:
    """Write ``doc`` as ``x.json`` in a scratch directory that ``measured.load`` reads instead of data/measured/."""
    monkeypatch.setattr(measured, "MEASURED", tmp_path)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return path


def committed(name: str = "quantization-latency") -> dict:
    return json.loads((measured.MEASURED / f"{name}.json").read_text(encoding="utf-8"))


def test_the_tool_keeps_samples_and_derives_the_summary() -> None:
    r = measured.row("one call", "pytorch", "float32", "µs", [3.0, 1.0, 2.0], 200, 20)
    assert (r["samples"], r["median"], r["min"], r["max"], r["n"], r["calls"], r["warmup"]) == ([3.0, 1.0, 2.0], 2.0, 1.0, 3.0, 3, 200, 20)
    assert r["samples_sha256"] == measured.samples_digest("one call|pytorch|float32|µs|200|20", [3.0, 1.0, 2.0])
    assert measured.row_problem(r, 3) == (None, "")


@pytest.mark.parametrize("name", NAMES)
def test_committed_records_say_how_they_were_taken_and_every_figure_comes_from_the_samples(name: str) -> None:
    doc = measured.load(name)
    assert set(measured.HOW) <= set(doc) and doc["method"]["repeats"] >= 5 and len(doc["method"]["load_average"]) == 2
    table = measured.table(doc)
    for r in doc["rows"]:
        samples = r["samples"]
        assert len(samples) in (doc["method"]["repeats"], 1)
        low, mid, high = min(samples), statistics.median(samples), max(samples)
        assert f"{measured.fmt(mid)} {r['unit']} ({measured.fmt(low)}–{measured.fmt(high)}, n={len(samples)})" in table


def test_lie_median_doubled_in_the_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = committed()
    r = doc["rows"][0]
    r["median"] *= 2
    path = scratch(tmp_path, monkeypatch, doc)
    with pytest.raises(SiteError) as caught:
        measured.load("x")
    assert caught.value.message == (
        f"{path}:{line_of(path, json.dumps(r['median']))}: row '{r['case']}, {r['framework']}, {r['variant']}': "
        f"median {r['median']} is not what its samples give ({statistics.median(r['samples'])}); {FIX}")


def test_lie_latency_doubled_in_the_samples_and_the_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The careful hand edit: every sample doubled and the summary recomputed to match; the fingerprint no longer does."""
    doc = committed()
    r = doc["rows"][1]
    r["samples"] = [2 * v for v in r["samples"]]
    r.update(measured.summarise(r["samples"]))
    path = scratch(tmp_path, monkeypatch, doc)
    with pytest.raises(SiteError) as caught:
        measured.load("x")
    assert caught.value.message == (
        f"{path}:{line_of(path, r['samples_sha256'])}: row '{r['case']}, {r['framework']}, {r['variant']}': "
        f"its samples are not the ones measured (samples_sha256 {r['samples_sha256']}, "
        f"the samples give {measured.samples_digest(measured.identity(r), r['samples'])}); {FIX}")


def test_lie_a_row_keeps_only_its_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = committed()
    r = doc["rows"][0]
    del r["samples"], r["samples_sha256"]
    path = scratch(tmp_path, monkeypatch, doc)
    with pytest.raises(SiteError) as caught:
        measured.load("x")
    assert caught.value.message == (
        f"{path}:{line_of(path, json.dumps(r['case']))}: row {r['case']!r} is incomplete (no samples, samples_sha256): "
        "every row keeps its raw samples; run 'make measure-x' and commit data/measured/x.json")


def test_lie_a_repeat_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = committed()
    r = doc["rows"][0]
    r["samples"] = r["samples"][:-1]
    r.update(measured.summarise(r["samples"]), samples_sha256=measured.samples_digest(measured.identity(r), r["samples"]))
    scratch(tmp_path, monkeypatch, doc)
    repeats = doc["method"]["repeats"]
    with pytest.raises(SiteError, match=f"{repeats - 1} samples, but the record's method takes {repeats} repeats"):
        measured.load("x")


def test_lie_a_record_from_other_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = committed()
    doc["versions"]["torch"] = "1.0.0+cpu"
    path = scratch(tmp_path, monkeypatch, doc)
    pinned = next(pin.version for pin in pins() if pin.name == "torch")
    with pytest.raises(SiteError) as caught:
        measured.load("x")
    assert caught.value.message == (f"{path}:{line_of(path, VERSIONS)}: measured with torch 1.0.0, "
                                    f"but requirements pin {pinned}; run 'make measure-x' and commit data/measured/x.json")


def test_lie_a_record_that_does_not_say_how_it_was_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = committed()
    del doc["method"]
    scratch(tmp_path, monkeypatch, doc)
    with pytest.raises(SiteError, match="missing 'method' \\(a record says how it was taken\\)"):
        measured.load("x")


def test_lie_samples_swapped_between_two_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Samples moved with their fingerprint and summary to another row (two variants swapped) no longer match."""
    doc = committed()
    a, b = doc["rows"][0], doc["rows"][2]
    moved = ("samples", "samples_sha256", *measured.SUMMARY)
    carried = {key: a[key] for key in moved}
    a.update({key: b[key] for key in moved})
    b.update(carried)
    scratch(tmp_path, monkeypatch, doc)
    with pytest.raises(SiteError, match=f"row '{a['case']}, {a['framework']}, {a['variant']}': its samples are not the ones measured"):
        measured.load("x")


def test_check_loads_every_measured_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``python -m sidebyside check`` runs ``measured.check``: a doubled latency there stops it too."""
    assert measured.check().startswith("measured records: ")
    for name in measured.RECORDS:
        doc = committed(name)
        doc["rows"][0]["median"] *= 2
        (tmp_path / f"{name}.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    monkeypatch.setattr(measured, "MEASURED", tmp_path)
    with pytest.raises(SiteError, match=r"quantization-latency\.json:\d+: row .* median .* is not what its samples give"):
        measured.check()
