"""Compare the release ledger with the registries' recorded release lists.

A release nobody has reviewed is a release whose removals and new defaults
the pages may contradict. The registry list (``data/facts/releases.json``,
written by ``make facts``) is the reference: every version it names must
have a ledger entry, and every ledger entry must name a version it lists,
on the day it lists, and no entry may merely say it was not reviewed. Each
mismatch is one ``file:line`` message that says what to do.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.facts import ReleaseLists
from sidebyside.data.releases import RELEASES_DIR, Package, Release, file_name
from sidebyside.errors import SiteError

PLACEHOLDER_RE = re.compile(r"^\s*(?:not (?:yet )?reviewed|todo|tbd)\b", re.IGNORECASE)
"""A ``nothing:`` that only says the notes were not read is not a review."""

LEDGER_BEGAN = datetime.date(2026, 12, 6)
"""The day the ledger was first filled. Releases published before it whose notes could not be read then
(GitHub-only release notes, e.g. Transformers) form a backlog that readers see marked as not reviewed;
every release published from this day on must be reviewed before the tests pass."""

BACKLOG_LIMIT = 152
"""How many releases may still be marked not reviewed. The backlog only shrinks: lower this as entries are
reviewed (a test fails when fewer remain than this says, so the figure cannot go stale)."""


def _missing_file(key: str, name: str, lists: ReleaseLists) -> SiteError:
    return SiteError(RELEASES_DIR / file_name(name), None, f"{key} is tracked ({lists.path.name}) but has no ledger file",
                     f"create it with an entry per release the registry lists (see {lists.path.name})")


def _package_problems(package: Package, lists: ReleaseLists) -> list[SiteError]:
    listed = lists.packages.get(package.key)
    if listed is None:
        return [SiteError(package.path, 1, f"{package.key} is not in the recorded registry list {lists.path.name}",
                          "run 'make facts' to record its releases")]
    problems = []
    entries = {release.version: release for release in package.releases}
    for version, day in listed.releases.items():
        if version not in entries:
            when = f" on {day}" if day else ""
            problems.append(SiteError(package.path, None, f"{package.name} {version} (released{when}, listed on {lists.checked}) has no ledger entry",
                                      f"read its release notes and add 'version: \"{version}\"' under 'releases:' with its changes or 'nothing:'"))
    for version, release in entries.items():
        if is_placeholder(release) and release.date >= LEDGER_BEGAN:
            problems.append(SiteError(package.path, release.line, f"{package.name} {version} is marked as not reviewed",
                                      "read its release notes and list its changes, or say in 'nothing:' why none matters to readers"))
        if version not in listed.releases:
            problems.append(SiteError(package.path, release.line, f"{package.name} {version} is not a final release the registry listed on {lists.checked}",
                                      "check the version (pre-releases are not listed), or run 'make facts' if it is newer"))
        elif listed.releases[version] not in (None, release.date):
            day = listed.releases[version]
            problems.append(SiteError(package.path, release.line, f"{package.name} {version} is dated {release.date}, the registry says {day}",
                                      f"write date: {day}"))
    return problems


def is_placeholder(release: Release) -> bool:
    return bool(release.nothing and PLACEHOLDER_RE.match(release.nothing))


def backlog_problems(packages: list[Package], limit: int = BACKLOG_LIMIT) -> list[SiteError]:
    """The backlog of releases marked not reviewed may only shrink, and its limit must follow it down."""
    marked = [(p, r) for p in packages for r in p.releases if is_placeholder(r)]
    here = Path(__file__).relative_to(ROOT)
    if len(marked) > limit:
        package, release = marked[-1]
        return [SiteError(package.path, release.line, f"{len(marked)} releases are marked as not reviewed, more than the "
                          f"backlog limit of {limit} ({here})", "review a release instead of marking it; the backlog only shrinks")]
    if len(marked) < limit:
        return [SiteError(here, None, f"BACKLOG_LIMIT says {limit} releases are not reviewed, but {len(marked)} are",
                          f"lower BACKLOG_LIMIT to {len(marked)}")]
    return []


def unreviewed(packages: list[Package], lists: ReleaseLists) -> list[SiteError]:
    """Every mismatch between the ledger and the recorded registry lists (empty when they agree)."""
    problems = [_missing_file(key, listed.name, lists) for key, listed in sorted(lists.packages.items())
                if key not in {p.key for p in packages}]
    for package in packages:
        problems += _package_problems(package, lists)
    return problems + backlog_problems(packages)
