"""Helpers for planted-lie tests: a scratch copy of a data file with one lie in it, and where a message must point.

A module of its own (imported as ``tests.planting``): the name ``conftest`` is taken by two folders of tests, so
which one an import of it finds depends on what was collected first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sidebyside import ROOT


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` holding ``needle`` (where a message must point)."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def planted_copy(source: Path, tmp_path: Path, old: str, new: str) -> Path:
    """A scratch copy of ``source`` in ``tmp_path`` with its one ``old`` replaced by ``new``: the lie a check must catch."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def scratch(tmp_path: Path, *names: str) -> Path:
    """A scratch tree holding only ``names`` (paths from the repository root), for a lie planted across files."""
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> int:
    """Replace the one occurrence of ``old`` in ``path``; return its line number (where a message must point)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


KERAS_LEDGER_HEAD = """\
package: Keras
registry: pypi
name: keras
framework: Keras
notes_url: https://github.com/keras-team/keras/releases
releases:
"""
"""The top of a release-ledger file for Keras (data/releases/keras.yml), before the releases a test plants."""
