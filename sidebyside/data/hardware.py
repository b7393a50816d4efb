"""Load and validate ``data/hardware.yml``, the dated support matrix on the hardware page.

Which accelerators each framework reaches is moving ground that no snippet on
a CPU-only machine can check, so every row must carry at least one primary
source with the day it was read. A row without one, a date in the future or
an unknown key stops the build with ``data/hardware.yml:LINE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data import fields, loader

HARDWARE = ROOT / "data" / "hardware.yml"
COLUMNS: dict[str, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}
"""Framework keys a row must fill -> column titles."""

ROW_REQUIRED = {"id", "platform", "sources", *COLUMNS}
SOURCE_KEYS = {"source", "as_of"}


@dataclass(frozen=True)
class Source:
    """A primary source and the day it was read."""

    url: str
    as_of: date


@dataclass(frozen=True)
class Platform:
    """One row: a kind of hardware and what each framework offers on it."""

    id: str
    platform: str
    cells: dict[str, str]
    sources: tuple[Source, ...]
    line: int


def _sources(item, what: str) -> tuple[Source, ...]:
    found = []
    for entry, entry_what in fields.records(item, "sources", what, "source", SOURCE_KEYS):
        url, as_of = fields.source(entry, f"{what} {entry_what}")
        assert url is not None and as_of is not None  # both keys are required above
        found.append(Source(url, as_of))
    return tuple(found)


@loader("hardware.yml")
def load_hardware(path: Path = HARDWARE) -> list[Platform]:
    """Parse and validate the matrix; raise SiteError on the first mistake."""
    data = fields.document(path, {"platforms"})
    seen: dict[str, int] = {}
    rows = []
    for item, what in fields.records(data, "platforms", "hardware.yml", "platform", ROW_REQUIRED):
        row_id = fields.slug(item, "id", "platform", seen)
        cells = {key: fields.text(item, key, what) for key in COLUMNS}
        rows.append(Platform(row_id, fields.text(item, "platform", what), cells, _sources(item, what), item.line))
    return rows
