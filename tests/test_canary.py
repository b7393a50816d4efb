"""The canary reports drift without touching recordings (fixture tree, plain-Python snippets)."""

from __future__ import annotations

from pathlib import Path

from sidebyside.pairs.runner import framework_version
from sidebyside.tools.canary import main


def make_pair(root: Path, tf_code: str, pt_code: str, recorded: str) -> Path:
    topic = root / "demo"
    topic.mkdir(parents=True)
    for framework, label, code in (("tensorflow", "TensorFlow", tf_code), ("pytorch", "PyTorch", pt_code)):
        (topic / f"same.{framework}.py").write_text(f"# title: Same thing\n{code}\n", encoding="utf-8")
        (topic / f"same.{framework}.out").write_text(f"# tested with {label} {framework_version(framework)}\n{recorded}", encoding="utf-8")
    return topic


def test_unchanged_recordings_pass(tmp_path: Path) -> None:
    make_pair(tmp_path / "snippets", 'print("value: 1.0000")', 'print("value: 1.0000")', "value: 1.0000\n")
    report = tmp_path / "report.md"
    assert main(["--root", str(tmp_path / "snippets"), "--report", str(report), "--outdir", str(tmp_path / "new")]) == 0
    assert "Nothing changed" in report.read_text(encoding="utf-8")


def test_changed_output_and_broken_parity_are_reported_not_recorded(tmp_path: Path) -> None:
    topic = make_pair(tmp_path / "snippets", 'print("value: 1.0000")', 'print("value: 1.0001")', "value: 1.0000\n")
    before = (topic / "same.pytorch.out").read_text(encoding="utf-8")
    report = tmp_path / "report.md"
    assert main(["--root", str(tmp_path / "snippets"), "--report", str(report), "--outdir", str(tmp_path / "new")]) == 1
    text = report.read_text(encoding="utf-8")
    assert "1 changed output, 0 failed, 1 parity pairs broken" in text
    assert "-value: 1.0000\n+value: 1.0001" in text
    assert "- `demo/same`" in text
    assert (topic / "same.pytorch.out").read_text(encoding="utf-8") == before, "the canary must never rewrite a recording"
    assert (tmp_path / "new" / "demo" / "same.pytorch.out").read_text(encoding="utf-8") == "value: 1.0001\n"


def test_a_snippet_that_fails_is_listed(tmp_path: Path) -> None:
    make_pair(tmp_path / "snippets", 'raise RuntimeError("new API")', 'print("value: 1.0000")', "value: 1.0000\n")
    report = tmp_path / "report.md"
    assert main(["--root", str(tmp_path / "snippets"), "--report", str(report), "--outdir", str(tmp_path / "new")]) == 1
    text = report.read_text(encoding="utf-8")
    assert "## Failed to run" in text and "RuntimeError: new API" in text
