"""Load ``data/canary/<date>.json``: every pair re-run with the newest installable frameworks.

``make canary`` writes one record per run (see ``sidebyside.tools.canary``);
the home page's tested-versions table reads the newest one so a reader sees
both the pinned versions and whether the newest releases still print the same.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from sidebyside import ROOT
from sidebyside.data.facts import ReleaseLists, package_key
from sidebyside.errors import SiteError
from sidebyside.pairs.catalog import Pair
from sidebyside.pairs.runner import read_recording

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
    outputs: dict[str, dict[str, str | None]]
    """Half path -> ``{"recorded": seal, "now": seal or None}``: what the half's recording was and what it printed
    (``seal``); None when it failed. Records before 2026-12-07 have none."""

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
                              list(data["parity_broken"]), dict(data.get("failures", {})), dict(data.get("changes", {})),
                              dict(data.get("outputs", {})))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise SiteError(path, None, f"not a canary record ({error})", "re-run 'make canary'") from None
    for kind, field, found in (("failing", "failures", record.failures), ("changed", "changes", record.changes)):
        if field in data and sorted(pairs[kind]) != sorted({half_pair(half) for half in found}):
            raise SiteError(path, None, f"the pairs listed as {kind} do not match the halves under '{field}' "
                            "(a record is written whole by the canary; an edited one no longer holds together)",
                            "re-run 'make canary' instead of editing the record")
    return record


def seal(role: str, half: str, text: str) -> str:
    """A fingerprint of what ``half`` printed, in ``role`` ("recorded" or "now").

    The role and the half are part of the digest, so one half's seal copied to
    another half, or a recorded seal copied to "now", does not match; a record
    says "identical" only with the seal of the recorded text as it runs now.
    """
    return hashlib.sha256(f"{role}\0{half}\0{text}".encode()).hexdigest()[:16]


def seal_problems(record: CanaryRecord, recordings: dict[str, str]) -> tuple[list[SiteError], set[str]]:
    """Pairs whose class the record's seals do not give, and the pairs re-recorded since the canary ran.

    ``recordings`` maps each half (``topic/file.py``) to its recorded output
    now. A half whose recorded seal is not that text's was re-recorded after
    the run: the run says nothing about the new recording, so its pair is
    only reported as re-recorded. For every other pair the seals decide:
    failing when a half printed nothing, identical when every half printed
    its recording, changed otherwise.
    """
    if not record.outputs:
        return [], set()
    classes = {key: kind for kind, keys in record.pairs.items() for key in keys}
    halves: dict[str, list[str]] = {}
    for half in record.outputs:
        halves.setdefault(half_pair(half), []).append(half)
    problems, rerecorded = [], set()

    def refused(pair: str, problem: str) -> SiteError:
        line = next((n for n, row in enumerate(record.path.read_text(encoding="utf-8").splitlines(), 1)
                     if f'"{pair}"' in row), None)
        return SiteError(record.path, line, problem, "re-run 'make canary' instead of editing the record")

    for pair in sorted(set(classes) | set(halves)):
        seals = [(half, record.outputs[half]) for half in halves.get(pair, [])]
        if not seals:
            problems.append(refused(pair, f"{pair} is classed without the seals of its halves"))
            continue
        if any(h not in recordings or s.get("recorded") != seal("recorded", h, recordings[h]) for h, s in seals):
            rerecorded.add(pair)
            continue
        if any(s.get("now") is None for _, s in seals):
            given = "failing"
        elif all(s["now"] == seal("now", h, recordings[h]) for h, s in seals):
            given = "identical"
        else:
            given = "changed"
        if classes.get(pair) != given:
            problems.append(refused(pair, f"{pair} is listed as {classes.get(pair, 'nothing')}, but the seals "
                                          f"of what its halves printed say {given}"))
    return problems, rerecorded


def recorded_outputs(pairs: dict[str, Pair]) -> dict[str, str]:
    """Each recorded half (``Half.file_key``) -> the output its ``.out`` file holds now: what ``seal_problems`` compares."""
    return {half.file_key: read_recording(half)[1]
            for pair in pairs.values() for half in pair.halves.values() if half.out_path.exists()}


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
