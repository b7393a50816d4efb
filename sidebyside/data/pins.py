"""The exact pins in ``requirements/*.txt``, checked against the ledger's security advisories.

The site runs every example with pinned versions, so an advisory whose
affected range contains a pin concerns the site itself: the pin must move
past the fixed version, or the ledger entry must say in ``safe_here:`` why
the flaw cannot reach this site (for example, no untrusted file is ever
loaded). A pin inside a range is one ``file:line`` error naming the pin and
the advisory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.releases import Change, Package
from sidebyside.errors import SiteError, read_text

REQUIREMENTS = ROOT / "requirements"
PIN_RE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;#]+)")
ALIASES = {"tensorflow-cpu": "tensorflow"}
"""Distributions that ship the same code as a ledger package under another name."""


@dataclass(frozen=True)
class Pin:
    name: str
    """Normalised (PEP 503) and with ``ALIASES`` applied: the ledger's registry name."""
    version: str
    path: Path
    line: int

    def error(self, problem: str, fix: str) -> SiteError:
        return SiteError(self.path, self.line, problem, fix)


def normalise(name: str) -> str:
    plain = re.sub(r"[-_.]+", "-", name).lower()
    return ALIASES.get(plain, plain)


def pins(directory: Path = REQUIREMENTS) -> list[Pin]:
    """Every ``name==version`` line of every requirements file."""
    found = []
    for path in sorted(directory.glob("*.txt")):
        for number, line in enumerate(read_text(path).splitlines(), 1):
            match = PIN_RE.match(line.strip())
            if match:
                found.append(Pin(normalise(match["name"]), match["version"], path, number))
    return found


def pinned_here(change: Change, package: Package, found: list[Pin]) -> list[Pin]:
    """The pins of ``package`` that lie inside ``change``'s affected range."""
    return [pin for pin in found if pin.name == normalise(package.name) and change.affects(pin.version)]


def advisory_problems(packages: list[Package], found: list[Pin]) -> list[SiteError]:
    """A pin inside an advisory's affected range, unless the entry says why it is safe here."""
    problems = []
    for package in packages:
        for release in package.releases:
            for change in release.changes:
                if change.kind != "security" or change.safe_here:
                    continue
                for pin in pinned_here(change, package, found):
                    problems.append(pin.error(
                        f"{pin.name}=={pin.version} is inside {change.advisory_id}'s affected range '{change.affected}' (fixed in {change.fixed})",
                        f"pin {change.fixed} or later, or say why it is safe here with 'safe_here:' at {package.path.name}:{change.line}"))
    return problems
