"""The content hash a venv's ``.stamp`` holds: ``make`` reinstalls a venv only when this changes.

File times would reinstall on every fresh clone or worktree (their files
are all new); content does not. Of ``pyproject.toml`` only what pip reads
counts (``[project]``, ``[build-system]``, ``[tool.setuptools]``), so a lint
or test setting does not reinstall the frameworks. Runs with the system
Python before any venv exists: standard library only.

    python3 -m sidebyside.tools.venv_stamp requirements/test.txt pyproject.toml
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path

INSTALL_TABLES = ("project", "build-system")
"""Top-level pyproject tables that change what pip installs (plus ``tool.setuptools``)."""


def install_part(pyproject: str) -> str:
    """The tables of a ``pyproject.toml`` that decide what pip installs, as canonical JSON."""
    data = tomllib.loads(pyproject)
    kept = {key: data[key] for key in INSTALL_TABLES if key in data}
    kept["tool.setuptools"] = data.get("tool", {}).get("setuptools", {})
    return json.dumps(kept, sort_keys=True)


def stamp(paths: list[Path]) -> str:
    """16 hex digits over the files' content (in the order given)."""
    digest = hashlib.sha256()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        digest.update((install_part(text) if path.name == "pyproject.toml" else text).encode())
    return digest.hexdigest()[:16]


if __name__ == "__main__":
    print(stamp([Path(arg) for arg in sys.argv[1:]]))
