"""Every key a data file uses is documented in that file's header comment.

The header is what a contributor reads when editing the file; a key known
only to the loader's code (as ``see:`` and ``inputs:`` once were) is a key
nobody uses correctly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.data import loaders
from sidebyside.data.yamlsrc import load_yaml

NAMED_BY_AUTHOR = {"nodes", "inputs", "weights", "domain"}
"""Mappings whose keys are names the author chooses (node ids, input and variable names), not format keys."""

FILES = sorted(loaders())


def header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))])


def documented(text: str) -> set[str]:
    """Keys the header names: ``key:`` or inside a ``{a, b, c}`` list."""
    names = set(re.findall(r"\b([a-z_]+):", text))
    for group in re.findall(r"\{([^}]*)\}", text):
        names |= {word.split(":")[0].split("(")[0].strip() for word in group.split(",")}
    return names


def used_keys(value: object, parent: str = "") -> Iterator[tuple[str, int]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if parent not in NAMED_BY_AUTHOR:
                yield str(key), value.line_of(str(key))
            yield from used_keys(child, str(key))
    elif isinstance(value, list):
        for child in value:
            yield from used_keys(child, parent)


def test_every_loader_has_its_file() -> None:
    assert FILES and all((ROOT / "data" / name).is_file() for name in FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_key_used_is_documented_in_the_header(name: str) -> None:
    path = ROOT / "data" / name
    known = documented(header(path))
    missing = {key: line for key, line in used_keys(load_yaml(path)) if key not in known}
    assert not missing, f"data/{name}:{min(missing.values())}: key '{min(missing, key=missing.get)}' is not documented; describe it in the header comment"
