"""Load ``data/canary/<date>.json``: every pair re-run with the newest installable frameworks.

``make canary`` writes one record per run (see ``sidebyside.tools.canary``);
the home page's tested-versions table reads the newest one so a reader sees
both the pinned versions and whether the newest releases still print the same.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from sidebyside import ROOT
from sidebyside.data.facts import ReleaseLists, package_key
from sidebyside.errors import SiteError

CANARY_DIR = ROOT / "data" / "canary"
CLASSES = ("identical", "changed", "failing")


@dataclass(frozen=True)
class CanaryRecord:
    path: Path
    date: datetime.date
    installed: dict[str, str]
    pairs: dict[str, list[str]]
    parity_broken: list[str]
    failures: dict[str, str]
    """Half path (``topic/file.py``) -> the error it stopped with, machine paths removed."""
    changes: dict[str, list[str]]
    """Half path -> ``[recorded line, new line]``: the first line a changed half prints differently."""

    def keys(self) -> set[str]:
        """Every pair the run covered, whatever its class."""
        return {key for keys in self.pairs.values() for key in keys}


def load_canary(path: Path) -> CanaryRecord:
    """One record, validated; a malformed file names itself and says how to regenerate it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pairs = data["pairs"]
        if set(pairs) != set(CLASSES) or not all(isinstance(v, list) for v in pairs.values()):
            raise KeyError("pairs")
        record = CanaryRecord(path, datetime.date.fromisoformat(data["date"]), dict(data["installed"]), pairs,
                              list(data["parity_broken"]), dict(data.get("failures", {})), dict(data.get("changes", {})))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise SiteError(path, None, f"not a canary record ({error})", "re-run 'make canary'") from None
    for kind, field, found in (("failing", "failures", record.failures), ("changed", "changes", record.changes)):
        if field in data and sorted(pairs[kind]) != sorted({half_pair(half) for half in found}):
            raise SiteError(path, None, f"the pairs listed as {kind} do not match the halves under '{field}' "
                            "(a record is written whole by the canary; an edited one no longer holds together)",
                            "re-run 'make canary' instead of editing the record")
    return record


def half_pair(half: str) -> str:
    """``topic/name.framework.py`` -> ``topic/name``: the pair a recorded half belongs to."""
    topic, file = half.split("/", 1)
    return f"{topic}/{file.split('.', 1)[0]}"


def latest_canary(directory: Path = CANARY_DIR) -> CanaryRecord | None:
    """The newest record, or None before the first ``make canary``."""
    files = sorted(directory.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json"))
    return load_canary(files[-1]) if files else None


REGISTRY_NAME = {"tensorflow-cpu": "tensorflow"}
"""Installed distributions released in step with a registry package of another name, under the same versions."""
NEEDS_NEWER_PYTHON = {"jax": "0.11.0"}
"""The first release the site's Python 3.11 cannot install, so the canary's newest is the one before it: every file
of jax 0.11.0 and later requires Python >= 3.12 (requires_python on https://pypi.org/project/jax/0.11.0/, as of 2026-12-06)."""


def newest_problems(record: CanaryRecord, lists: ReleaseLists) -> list[SiteError]:
    """Installed versions that are not the newest final release the registry had listed by the record's day.

    The canary installs the newest releases, so anything else in its record is an edit (or a stale venv).
    """
    problems = []
    text = record.path.read_text(encoding="utf-8")
    for dist, version in record.installed.items():
        listed = lists.packages.get(package_key("pypi", REGISTRY_NAME.get(dist, dist)))
        if listed is None:
            continue
        ceiling = NEEDS_NEWER_PYTHON.get(dist)
        candidates = [v for v, day in listed.releases.items() if (day is None or day <= record.date)
                      and (ceiling is None or Version(v) < Version(ceiling))]
        newest = max(candidates, key=Version) if candidates else None
        if newest is not None and version.split("+", 1)[0] != newest:
            line = next((n for n, row in enumerate(text.splitlines(), 1) if f'"{dist}": "{version}"' in row), None)
            problems.append(SiteError(record.path, line, f"{dist} {version} is not the newest release the registry listed by "
                                      f"{record.date} ({newest}, {lists.path.name}); the canary installs the newest",
                                      "re-run 'make canary' instead of editing the record"))
    return problems
