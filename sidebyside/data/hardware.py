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
from sidebyside.data.yamlsrc import LocatedDict, LocatedList, load_yaml, require_keys
from sidebyside.errors import SiteError
from sidebyside.pairs.catalog import NAME_RE
from sidebyside.site.weblinks import check_source

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


def _text(path: Path, item: LocatedDict, key: str, what: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SiteError(path, item.line_of(key), f"{what} '{key}' must be non-empty text", f"write a short sentence after '{key}:'")
    return " ".join(value.split())


def _sources(path: Path, item: LocatedDict, what: str) -> tuple[Source, ...]:
    raw = item["sources"]
    if not isinstance(raw, LocatedList) or not raw:
        raise SiteError(path, item.line_of("sources"), f"{what} has no sources", "list at least one '- source: https://...' with 'as_of:'")
    found = []
    for entry in raw:
        if not isinstance(entry, LocatedDict):
            raise SiteError(path, raw.line, f"{what}: a source is not a mapping", "write '- source: URL' and 'as_of: YYYY-MM-DD'")
        require_keys(path, entry, SOURCE_KEYS, set(), f"{what} source")
        url, as_of = check_source(path, entry, f"{what} source")
        assert url is not None and as_of is not None  # both required above
        found.append(Source(url, as_of))
    return tuple(found)


def load_hardware(path: Path = HARDWARE) -> list[Platform]:
    """Parse and validate the matrix; raise SiteError on the first mistake."""
    data = load_yaml(path)
    if not isinstance(data, LocatedDict) or not isinstance(data.get("platforms"), LocatedList):
        raise SiteError(path, 1, "the file must hold a 'platforms:' list", "start the file with 'platforms:'")
    require_keys(path, data, {"platforms"}, set(), "hardware.yml")
    seen: dict[str, int] = {}
    rows = []
    for item in data["platforms"]:
        if not isinstance(item, LocatedDict):
            raise SiteError(path, data["platforms"].line, "a platform is not a mapping", "write 'id:', 'platform:', ... keys")
        what = f"platform '{item.get('id')}'"
        require_keys(path, item, ROW_REQUIRED, set(), what)
        row_id = item["id"]
        if not isinstance(row_id, str) or not NAME_RE.match(row_id):
            raise SiteError(path, item.line_of("id"), f"{what}: id is not lowercase-hyphen", "use e.g. 'apple-silicon'")
        if row_id in seen:
            raise SiteError(path, item.line_of("id"), f"{what} is listed twice (first on line {seen[row_id]})", "merge the rows")
        seen[row_id] = item.line_of("id")
        cells = {key: _text(path, item, key, what) for key in COLUMNS}
        rows.append(Platform(row_id, _text(path, item, "platform", what), cells, _sources(path, item, what), item.line))
    return rows
