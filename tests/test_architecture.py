"""ARCHITECTURE.md stays current: every file or folder it names exists, and no text points outside the repository."""

from __future__ import annotations

import re
import subprocess

from sidebyside import ROOT


def test_every_path_architecture_names_exists() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = {m for m in re.findall(r"`([\w./-]+)`", text) if "/" in m or m.endswith((".py", ".md", ".txt", ".toml"))}
    missing = sorted(p for p in named if not (ROOT / p).exists() and not (ROOT / "sidebyside" / p).exists())
    assert len(named) > 20 and not missing, f"ARCHITECTURE.md names paths that do not exist: {missing}"


def test_no_tracked_file_cites_a_design_file_outside_the_repository() -> None:
    tracked = subprocess.run(["git", "grep", "-l", "-E", r"DESIGN\.md|\.\./shared/", "--", ".", ":!tests/test_architecture.py"],
                             cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    assert tracked == []
