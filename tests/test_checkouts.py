"""Two checkouts sharing one venv: each builds its own content.

The venv installs this package editable, pointing at whichever checkout
ran ``make venv``. The second checkout here is a copy in a temp dir holding
a pair the first one lacks, built by the venv's ``mkdocs`` script from
another directory (so neither the current directory nor pytest's path
setting can help).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sidebyside import ROOT

MKDOCS = Path(sys.executable).parent / "mkdocs"
HOOKS = ["sidebyside/site/project.py", "sidebyside/site/hook.py"]


def second_checkout(tmp_path: Path, hooks: list[str]) -> Path:
    """A minimal checkout: this package, one page and a pair that exists only here."""
    root = tmp_path / "second"
    shutil.copytree(ROOT / "sidebyside", root / "sidebyside", ignore=shutil.ignore_patterns("__pycache__"))
    topic = root / "snippets" / "only-here"
    topic.mkdir(parents=True)
    for file in (ROOT / "snippets" / "execution-model").glob("eager-by-default.*"):
        shutil.copy(file, topic / file.name.replace("eager-by-default", "demo"))
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\n@pair only-here/demo\n", encoding="utf-8")
    listed = "".join(f"  - {hook}\n" for hook in hooks)
    (root / "mkdocs.yml").write_text(
        f"site_name: second\nhooks:\n{listed}markdown_extensions:\n  - pymdownx.superfences\n  - pymdownx.tabbed\n",
        encoding="utf-8",
    )
    return root


def build(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_a_second_checkout_builds_its_own_pairs_with_a_shared_venv(tmp_path: Path) -> None:
    root = second_checkout(tmp_path, HOOKS)
    proc = build(root, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert 'id="pair-demo"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_without_the_project_hook_first_the_build_names_the_fix(tmp_path: Path) -> None:
    """The planted mistake: the hook list forgets project.py, so the venv's checkout supplies the code."""
    root = second_checkout(tmp_path, HOOKS[1:])
    proc = build(root, tmp_path)
    assert proc.returncode != 0
    assert f"{root / 'mkdocs.yml'}: the 'sidebyside' package was imported from " in proc.stderr
    assert "not from this checkout; list sidebyside/site/project.py first under 'hooks:'" in proc.stderr


STUB_PYTHON = """#!/bin/sh
# Stand-in for 'python -m venv DIR' (makes DIR/bin) and 'python -m sidebyside.tools.install DIR ...' (only logged).
if [ "$2" = venv ]; then mkdir -p "$3/bin"; else echo "$*" >> "$PWD/installs.log"; fi
"""


def make_venv(work: Path) -> list[str]:
    """``make venv`` in ``work`` with a stub interpreter; the installs it made so far."""
    subprocess.run(["make", "-s", "venv", f"PYTHON={work / 'python'}"], cwd=work, check=True, capture_output=True, timeout=60)
    log = work / "installs.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_venv_stamps_follow_content_not_file_times(tmp_path: Path) -> None:
    """A new clone has new file times: that alone must not reinstall; a changed pin must."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    for module in ("__init__.py", "tools/__init__.py", "tools/venv_stamp.py"):  # what computes the hash
        (tmp_path / "sidebyside" / module).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "sidebyside" / module, tmp_path / "sidebyside" / module)
    (tmp_path / "python").write_text(STUB_PYTHON, encoding="utf-8")
    (tmp_path / "python").chmod(0o755)
    assert len(make_venv(tmp_path)) == 1
    later = (tmp_path / ".venv" / ".stamp").stat().st_mtime + 3600
    for file in [tmp_path / "pyproject.toml", *(tmp_path / "requirements").iterdir()]:
        os.utime(file, (later, later))
    assert len(make_venv(tmp_path)) == 1, "newer file times alone reinstalled the venv"
    with (tmp_path / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[tool.ruff.format]\nquote-style = 'single'\n")
    assert len(make_venv(tmp_path)) == 1, "a lint setting in pyproject.toml reinstalled the venv"
    with (tmp_path / "requirements" / "test.txt").open("a", encoding="utf-8") as pins:
        pins.write("extra-package==1.0\n")
    assert len(make_venv(tmp_path)) == 2, "a changed requirement file did not reinstall the venv"
