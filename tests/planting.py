"""Helpers for planted-lie tests: a scratch copy of a data file with one lie in it, and where a message must point.

A module of its own (imported as ``tests.planting``): the name ``conftest`` is taken by two folders of tests, so
which one an import of it finds depends on what was collected first.
"""

from __future__ import annotations

from pathlib import Path


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
