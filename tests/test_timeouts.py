"""A hung test ends at its limit, named, instead of holding the whole run (pytest-timeout, configured in pyproject.toml)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from sidebyside import ROOT

HANGING = '''\
import time

import pytest


def test_plain_hangs():
    time.sleep(600)


@pytest.mark.slow
def test_slow_hangs():
    time.sleep(600)
'''


def test_the_configured_limits_exist_and_slow_tests_get_more() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert 0 < int(options["timeout"]) < int(options["slow_timeout"])


def test_a_hanging_test_ends_at_its_limit_with_its_name(tmp_path: Path) -> None:
    """Two hanging tests under this project's settings, with the limits cut to 1 s and (for slow) 2 s."""
    (tmp_path / "test_hang.py").write_text(HANGING, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")  # maps the slow marker to slow_timeout
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), "-p", "no:cacheprovider",
         "-p", "no:xdist", "-o", "timeout=1", "-o", "slow_timeout=2", "--durations=0", str(tmp_path / "test_hang.py")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    out = proc.stdout
    assert proc.returncode == 1, out
    assert "FAILED test_hang.py::test_plain_hangs - Failed: Timeout (>1.0s)" in out, out
    assert "FAILED test_hang.py::test_slow_hangs - Failed: Timeout (>2.0s)" in out, out
    took = {name: float(seconds) for seconds, name in re.findall(r"^([\d.]+)s call\s+test_hang\.py::(\w+)", out, re.MULTILINE)}
    assert 0.9 <= took["test_plain_hangs"] < 3 and 1.9 <= took["test_slow_hangs"] < 5, took  # timers round to 10 ms
