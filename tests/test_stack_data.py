"""Data behind the hardware, mixed-precision and profiling pages: the support matrix,
registry wheel sizes and measured timings load, render, and reject bad files with file:line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.data.hardware import load_hardware
from sidebyside.errors import SiteError
from sidebyside.site.renderers import hardware_matrix, wheel_sizes
from sidebyside.tools import measured

GOOD_PLATFORM = """\
platforms:
  - id: apple-silicon
    platform: Apple silicon
    tensorflow: A plug-in.
    pytorch: Built in.
    sources:
      - source: https://developer.apple.com/metal/pytorch/
        as_of: 2026-11-28
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hardware.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_real_matrix_covers_the_platforms_readers_ask_about() -> None:
    rows = {row.id: row for row in load_hardware()}
    assert {"nvidia-cuda", "amd-rocm", "apple-silicon", "intel-gpu", "google-tpu", "windows"} <= set(rows)
    assert all(row.sources for row in rows.values())
    table = hardware_matrix.matrix_markdown(list(rows.values()))
    assert table.count("\n") == len(rows) + 1  # header, rule, one line per row
    assert "TorchTPU" in table and "2.10" in table


def test_good_fixture_loads(tmp_path: Path) -> None:
    (row,) = load_hardware(write(tmp_path, GOOD_PLATFORM))
    assert row.cells == {"tensorflow": "A plug-in.", "pytorch": "Built in."}


@pytest.mark.parametrize(("lie", "needle"), [
    (GOOD_PLATFORM.split("    sources:")[0] + "    sources: []\n", "has no sources"),
    (GOOD_PLATFORM.replace("2026-11-28", "2999-01-01"), "in the future"),
    (GOOD_PLATFORM.replace("    pytorch: Built in.\n", "    pytorch: Built in.\n    jax: Also.\n"), "unknown key 'jax'"),
    (GOOD_PLATFORM.replace("https://developer", "http://developer"), "not an https URL"),
    (GOOD_PLATFORM.replace("    pytorch: Built in.\n", ""), "missing 'pytorch'"),
])
def test_bad_matrix_fails_with_file_and_line(tmp_path: Path, lie: str, needle: str) -> None:
    with pytest.raises(SiteError) as info:
        load_hardware(write(tmp_path, lie))
    assert needle in info.value.message
    assert re.match(r"\S*hardware\.yml:\d+: ", info.value.message)


def test_wheel_sizes_are_for_the_pinned_versions() -> None:
    """A pin moved without re-running 'make wheel-sizes' must fail here, not show stale sizes."""
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements" / "test.txt").read_text(), re.MULTILINE))
    doc = wheel_sizes.load()
    versions = {p["name"]: p["version"] for p in doc["packages"]}
    assert versions["tensorflow-cpu"] == pins["tensorflow-cpu"]
    assert versions["torch"] == pins["torch"]
    assert all(p["wheels"] for p in doc["packages"])


def test_wheel_table_renders_sizes_from_the_data(tmp_path: Path) -> None:
    doc = {"checked": "2026-11-28", "python": "cp311", "packages": [
        {"name": "torch", "version": "9.9.9", "wheels": {"Linux x86-64": {"bytes": 123_456_789, "filename": "f", "uploaded": "d"}}}]}
    table = wheel_sizes.table(doc)
    assert "| `torch==9.9.9` | 123 MB | no wheel | no wheel | no wheel |" in table
    bad = tmp_path / "w.json"
    doc["packages"][0]["wheels"]["Linux x86-64"]["bytes"] = -1
    bad.write_text(json.dumps(doc))
    with pytest.raises(SiteError, match="not a positive integer"):
        wheel_sizes.load(bad)


@pytest.mark.parametrize("name", ["quantization-latency", "cpu-knobs"])
def test_measured_files_have_both_frameworks_and_render_their_medians(name: str) -> None:
    if not (measured.MEASURED / f"{name}.json").exists():
        pytest.fail(f"data/measured/{name}.json is missing: run 'make measure-{name}'")
    doc = measured.load(name)
    assert {r["framework"] for r in doc["rows"]} == {"tensorflow", "pytorch"}
    table = measured.table(doc)
    for r in doc["rows"]:
        assert measured.fmt(r["median"]) in table
        assert r["min"] <= r["median"] <= r["max"]


def test_incomplete_measured_row_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    how = {key: value for key, value in json.loads((measured.MEASURED / "cpu-knobs.json").read_text()).items() if key != "rows"}
    monkeypatch.setattr(measured, "MEASURED", tmp_path)
    (tmp_path / "x.json").write_text(json.dumps({**how, "rows": [{"case": "c"}]}))
    with pytest.raises(SiteError, match="row 'c' is incomplete"):
        measured.load("x")
    with pytest.raises(SiteError, match="make measure-missing"):
        measured.load("missing")


def test_quantization_page_claim_compiled_torchao_beats_eager_matches_the_data() -> None:
    """The page says the compiled dynamic-int8 row is faster than the eager one; re-measured data must agree."""
    rows = {(r["case"], r["variant"]): r["median"] for r in measured.load("quantization-latency")["rows"] if r["framework"] == "pytorch"}
    cases = {case for case, _ in rows}
    assert cases, "no PyTorch rows"
    for case in cases:
        assert rows[(case, "int8 dynamic range, torch.compile")] < rows[(case, "int8 dynamic range")], case
