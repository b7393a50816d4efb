"""Wheel sizes are registry answers: the canary asks again (``wheel_sizes --check``) and fails on drift.

No test reaches the network: ``tests/registry/pypi-wheels.json`` holds
PyPI's answers for the pinned releases as recorded (trimmed to the fields
the tool reads), served from 127.0.0.1. The committed record must be what
those answers give; a size edited in the record, or changed on the
registry, is one error naming the package, the platform and both sizes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sidebyside.errors import SiteError, SiteErrors
from sidebyside.tools import wheel_sizes
from tests.local_registry import serve_json
from tests.planting import line_of

ANSWERS = Path(__file__).parent / "registry" / "pypi-wheels.json"
FIX = "re-check what the hardware page says about it, then run 'make wheel-sizes' and commit the file"


def served() -> dict[str, dict]:
    return json.loads(ANSWERS.read_text(encoding="utf-8"))["answers"]


def test_the_record_is_what_the_registry_answered(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with serve_json(served()) as base:
        wheel_sizes.main(["--check", "--pypi", base])
    assert "no drift" in capsys.readouterr().out


def test_lie_a_wheel_size_halved_in_the_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    record = json.loads(wheel_sizes.OUT.read_text(encoding="utf-8"))
    torch = next(p for p in record["packages"] if p["name"] == "torch")
    wheel = torch["wheels"]["Linux x86-64"]
    true_size = wheel["bytes"]
    wheel["bytes"] = true_size // 2
    path = tmp_path / "wheel-sizes.json"
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    with serve_json(served()) as base:
        errors = wheel_sizes.drift(record, wheel_sizes.answered(base), path)
    assert [e.message for e in errors] == [
        f"{path}:{line_of(path, wheel['filename'])}: torch {torch['version']}, Linux x86-64: "
        f"the record says {true_size // 2:,} bytes ({wheel['filename']}), "
        f"the registry answers {true_size:,} bytes ({wheel['filename']}); {FIX}"]


def test_lie_a_wheel_re_uploaded_on_the_registry_fails_the_canary_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry's side: the answer changes (a wheel now twice as big), the committed record does not."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    answers = served()
    files = answers["/pypi/tensorflow/json"]["releases"]["2.21.0"]
    arm = next(f for f in files if f["filename"].endswith("-cp311-cp311-macosx_12_0_arm64.whl"))
    arm["size"] *= 2
    with serve_json(answers) as base, pytest.raises(SiteError) as caught:
        wheel_sizes.main(["--check", "--pypi", base])
    assert not isinstance(caught.value, SiteErrors)
    assert caught.value.problem == (f"tensorflow 2.21.0, macOS Arm64: the record says {arm['size'] // 2:,} bytes ({arm['filename']}), "
                                    f"the registry answers {arm['size']:,} bytes ({arm['filename']})")


def test_the_weekly_canary_asks_again_and_fails_on_drift() -> None:
    workflow = (Path(__file__).parents[1] / ".github" / "workflows" / "canary.yml").read_text(encoding="utf-8")
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "python -m sidebyside.tools.wheel_sizes --check" in workflow
    assert "python -m sidebyside.tools.wheel_sizes --check" in makefile.split("\ncanary:", 1)[1].split("\n\n", 1)[0]
