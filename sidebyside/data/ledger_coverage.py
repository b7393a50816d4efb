"""Compare the release ledger with the registries' recorded release lists.

A release nobody has reviewed is a release whose removals and new defaults
the pages may contradict. The registry list (``data/facts/releases.json``,
written by ``make facts``) is the reference: every version it names must
have a ledger entry, and every ledger entry must name a version it lists,
on the day it lists, and no entry may merely say it was not reviewed. Each
mismatch is one ``file:line`` message that says what to do.
"""

from __future__ import annotations

import re

from sidebyside.data.facts import ReleaseLists
from sidebyside.data.releases import RELEASES_DIR, Package, file_name
from sidebyside.errors import SiteError

PLACEHOLDER_RE = re.compile(r"^\s*(?:not (?:yet )?reviewed|todo|tbd)\b", re.IGNORECASE)
"""A ``nothing:`` that only says the notes were not read is not a review."""


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
        if release.nothing and PLACEHOLDER_RE.match(release.nothing):
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


def unreviewed(packages: list[Package], lists: ReleaseLists) -> list[SiteError]:
    """Every mismatch between the ledger and the recorded registry lists (empty when they agree)."""
    problems = [_missing_file(key, listed.name, lists) for key, listed in sorted(lists.packages.items())
                if key not in {p.key for p in packages}]
    for package in packages:
        problems += _package_problems(package, lists)
    return problems
