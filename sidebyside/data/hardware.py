"""Load and validate ``data/hardware.yml``, the dated support matrix on the hardware page.

Which accelerators each framework reaches is moving ground that no snippet on
a CPU-only machine can check, so every row must carry at least one primary
source with the day it was read. A row without one, a date in the future or
an unknown key stops the build with ``data/hardware.yml:LINE``.

A release number in a row's text is a claim a registry can answer: every
one must be declared under the row's ``releases:`` (a registry package and
version, or a product outside any registry with its source). A declared
package release must be one the registry listed in the recorded answer
``data/facts/hardware-releases.json`` (written by ``make facts``, which
the weekly canary re-runs); ``last: true`` also holds it to be the newest
listed. A number changed by hand fails naming the row and the record entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from packaging.version import Version

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.facts import HARDWARE_RELEASES, ReleaseLists, load_release_lists, package_key
from sidebyside.errors import SiteError, display_path, raise_all

HARDWARE = ROOT / "data" / "hardware.yml"
COLUMNS: dict[str, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}
"""Framework keys a row must fill -> column titles."""

ROW_REQUIRED = {"id", "platform", "sources", *COLUMNS}
ROW_OPTIONAL = {"releases"}
SOURCE_KEYS = {"source", "as_of"}
RELEASE_KEYS = {"version"}
RELEASE_OPTIONAL = {"package", "last", "product", "source", "as_of"}
NUMBER_RE = re.compile(r"(?<![\w.])\d+\.\d+(?:\.\d+)*(?![\w.]*\d)")
"""A release number in a cell: 2.8, 2.15, 6.1, 2.10."""


@dataclass(frozen=True)
class Release:
    """A release a row names: a PyPI package's version (checked against the recorded registry list), or a
    product outside any registry (``product``, with its own dated source)."""

    name: str
    version: str
    registry: bool
    last: bool
    line: int


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
    releases: tuple[Release, ...] = ()


def _sources(item, what: str) -> tuple[Source, ...]:
    found = []
    for entry, entry_what in fields.records(item, "sources", what, "source", SOURCE_KEYS):
        url, as_of = fields.source(entry, f"{what} {entry_what}")
        assert url is not None and as_of is not None  # both keys are required above
        found.append(Source(url, as_of))
    return tuple(found)


def _releases(item, what: str) -> tuple[Release, ...]:
    if "releases" not in item:
        return ()
    found = []
    for entry, entry_what in fields.records(item, "releases", what, "release", RELEASE_KEYS, RELEASE_OPTIONAL):
        version = fields.text(entry, "version", entry_what)
        if ("package" in entry) == ("product" in entry):
            raise entry.error(None, f"{entry_what} needs either 'package' (a PyPI name) or 'product' (with source and as_of)",
                              "name the registry package, or the product and the page that states its version")
        if "product" in entry:
            url, _ = fields.source(entry, entry_what)
            if url is None:
                raise entry.error("product", f"{entry_what} names a product without 'source' and 'as_of'", "add both")
        name = fields.text(entry, "package" if "package" in entry else "product", entry_what)
        found.append(Release(name, version, "package" in entry, entry.get("last") is True, entry.line))
    return tuple(found)


@loader("hardware.yml")
def load_hardware(path: Path = HARDWARE, lists: Path = HARDWARE_RELEASES) -> list[Platform]:
    """Parse and validate the matrix, and tie its release numbers to the recorded registry answer."""
    data = fields.document(path, {"platforms"})
    seen: dict[str, int] = {}
    rows = []
    for item, what in fields.records(data, "platforms", "hardware.yml", "platform", ROW_REQUIRED, ROW_OPTIONAL):
        row_id = fields.slug(item, "id", "platform", seen)
        cells = {key: fields.text(item, key, what) for key in COLUMNS}
        rows.append(Platform(row_id, fields.text(item, "platform", what), cells, _sources(item, what), item.line,
                             _releases(item, what)))
    raise_all(release_problems(path, rows, load_release_lists(lists)))
    return rows


def declared_packages(path: Path = HARDWARE) -> list[str]:
    """The PyPI packages the rows declare releases of (what ``make facts`` records for this file), without checking them."""
    data = fields.document(path, {"platforms"})
    names = {entry["package"] for row in data["platforms"] for entry in row.get("releases", []) if "package" in entry}
    return sorted(names)


def _declares(release: Release, number: str) -> bool:
    return release.version == number or release.version.startswith(number + ".")


def release_problems(path: Path, rows: list[Platform], lists: ReleaseLists) -> list[SiteError]:
    """Release numbers in cells that no declared release gives, and declared releases the registry did not list."""
    problems = []
    record = f"{display_path(lists.path)}, checked {lists.checked}"
    for row in rows:
        for column, cell in row.cells.items():
            for number in NUMBER_RE.findall(cell):
                if not any(_declares(r, number) for r in row.releases):
                    declared = ", ".join(f"{r.name} {r.version}" for r in row.releases) or "none"
                    problems.append(SiteError(path, row.line, f"row '{row.id}': {number} in the {COLUMNS[column]} cell is "
                                              f"not a release the row declares (declared: {declared})",
                                              "write the number the declared release has, or declare the release under "
                                              "'releases:' and check it with 'make facts'"))
        for release in (r for r in row.releases if r.registry):
            listed = lists.packages.get(package_key("pypi", release.name))
            versions = sorted(listed.releases, key=Version) if listed else []
            if release.version not in versions:
                problems.append(SiteError(path, release.line, f"row '{row.id}': {release.name} {release.version} is not a "
                                          f"release the registry listed ({record})",
                                          "correct the version, or run 'make facts' if it is newer"))
            elif release.last and versions[-1] != release.version:
                problems.append(SiteError(path, release.line, f"row '{row.id}': {release.name} {release.version} is declared "
                                          f"the last release, but the registry listed {versions[-1]} on {lists.checked} "
                                          f"({record})", "re-check the row against that release, then update it"))
    return problems
