"""Load ``data/facts/<date>.json``: what the package registries answered, and when.

``make facts`` asks PyPI and npm for the newest stable version (and its
release date) of the packages the site's verdicts lean on, and records the
answers in one file per day. Pages and tests read the newest record, never
the network, so the site can say "checked on <date>" and a test can fail
when a data file still names a version the registry has moved past.

Record shape::

    {"checked": "2026-11-28",
     "packages": {"pypi:torch": {"registry": "pypi", "name": "torch",
                                 "version": "2.15.0", "released": "2026-10-28"}, ...}}
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sidebyside import ROOT
from sidebyside.errors import SiteError

FACTS_DIR = ROOT / "data" / "facts"
REGISTRIES = ("pypi", "npm")


@dataclass(frozen=True)
class Answer:
    """One registry's answer about one package."""

    key: str
    registry: str
    name: str
    version: str
    released: datetime.date

    @property
    def url(self) -> str:
        """The page a reader can open to see the same answer."""
        if self.registry == "pypi":
            return f"https://pypi.org/project/{self.name}/"
        return f"https://www.npmjs.com/package/{self.name}"


@dataclass(frozen=True)
class Record:
    """Every answer of one ``make facts`` run."""

    path: Path
    checked: datetime.date
    answers: dict[str, Answer]


def package_key(registry: str, name: str) -> str:
    """``pypi:torch``, ``npm:@tensorflow/tfjs``: how data files name a registry fact."""
    return f"{registry}:{name}"


def _date(path: Path, value: object, what: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise SiteError(path, None, f"{what} is not a date: {value!r}", "re-run 'make facts' to rewrite the record") from None


def _packages(path: Path, data: object, record: str, complete: Callable[[object], bool],
              lacks: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each package entry of a registry record (answers or release lists): complete, and keyed by its registry and name."""
    if not isinstance(data, dict) or not isinstance(data.get("packages"), dict) or "checked" not in data:
        raise SiteError(path, None, f"a {record} needs 'checked' and a 'packages' mapping", "re-run 'make facts'")
    for key, raw in data["packages"].items():
        if not complete(raw):
            raise SiteError(path, None, f"package '{key}' lacks {lacks}", "re-run 'make facts'")
        if raw["registry"] not in REGISTRIES or key != package_key(raw["registry"], raw.get("name")):
            raise SiteError(path, None, f"package key '{key}' does not match its registry and name", "re-run 'make facts'")
        yield key, raw


def _is_answer(raw: object) -> bool:
    return isinstance(raw, dict) and {"registry", "name", "version", "released"} <= raw.keys()


def parse_record(path: Path, data: object) -> Record:
    """Validate one record's structure; every problem names the file and how to fix it."""
    answers = {key: Answer(key, raw["registry"], raw["name"], str(raw["version"]), _date(path, raw["released"], f"'{key}' released"))
               for key, raw in _packages(path, data, "facts record", _is_answer, "registry, name, version or released")}
    return Record(path, _date(path, data["checked"], "'checked'"), answers)


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SiteError(path, error.lineno, f"not valid JSON: {error.msg}", "re-run 'make facts'") from None


def load_record(path: Path) -> Record:
    return parse_record(path, _read_json(path))


def latest_record(directory: Path = FACTS_DIR) -> Record:
    """The newest record (file names are dates, so they sort in time order; other files there are not records)."""
    files = sorted(directory.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json"))
    if not files:
        raise SiteError(directory, None, "no registry record found", "run 'make facts' to ask PyPI and npm")
    return load_record(files[-1])


RELEASE_LISTS = FACTS_DIR / "releases.json"
"""Every final release of each tracked package since 2024-01-01, as the registries listed them.

Shape: ``{"checked": "2026-12-06", "packages": {"pypi:torch": {"registry": "pypi",
"name": "torch", "releases": {"2.13.0": "2026-10-15", ...}}}}``. The release
ledger (``data/releases/``) is compared with it, so a new release fails the
tests until someone has read its notes.
"""


@dataclass(frozen=True)
class ReleaseList:
    """One registry's final releases of one package, version -> upload day (None: the registry's day is not the real one)."""

    key: str
    registry: str
    name: str
    releases: dict[str, datetime.date | None]


@dataclass(frozen=True)
class ReleaseLists:
    path: Path
    checked: datetime.date
    packages: dict[str, ReleaseList]


def _is_release_list(raw: object) -> bool:
    return isinstance(raw, dict) and isinstance(raw.get("releases"), dict) and raw.get("registry") in REGISTRIES


def parse_release_lists(path: Path, data: object) -> ReleaseLists:
    """Validate the structure of ``releases.json``; a problem names the file and says to re-record."""
    packages = {}
    for key, raw in _packages(path, data, "release list record", _is_release_list, "registry or a releases mapping"):
        days = {str(v): None if day is None else _date(path, day, f"'{key}' {v}") for v, day in raw["releases"].items()}
        packages[key] = ReleaseList(key, raw["registry"], raw["name"], days)
    return ReleaseLists(path, _date(path, data["checked"], "'checked'"), packages)


HARDWARE_RELEASES = FACTS_DIR / "hardware-releases.json"
"""Every final release (no start day) of each package a row of ``data/hardware.yml`` declares, in the shape of
``releases.json``: the recorded registry answer the support matrix's release numbers are checked against."""


def load_release_lists(path: Path = RELEASE_LISTS) -> ReleaseLists:
    if not path.is_file():
        raise SiteError(path, None, "no release list recorded", "run 'make facts' to ask PyPI and npm")
    return parse_release_lists(path, _read_json(path))
