"""Load ``data/releases/<package>.yml``: the release ledger, one file per tracked package.

Frameworks ship monthly; a page re-checked one fact at a time falls behind.
The ledger lists every final release of each tracked package since
2024-01-01 with the changes a reader of this site needs (or why there are
none), each linked to the page section that covers it, so that a test can
compare it with the registries' lists (``data/facts/releases.json``) and the
pages can render their "what changed" sections from it.

File shape (each file repeats this in its header comment)::

    package: torch                # display name
    registry: pypi                # pypi | npm
    name: torch                   # the name on the registry
    framework: PyTorch            # TensorFlow | PyTorch | JAX | Keras | Converters | Ecosystem
    notes_url: https://...        # where the release notes live
    releases:                     # newest first; every final release since 2024-01-01
      - version: "2.13.0"         # quoted: 2.10 unquoted would be the number 2.1
        date: 2026-10-15          # the registry's upload date
        source: https://...       # the release notes of this version
        as_of: 2026-12-06         # the day they were read
        nothing: "..."            # why no change matters to readers, OR
        changes:
          - kind: removed         # removed | deprecated | default-changed | new | security | packaging
            text: "..."           # own words, one sentence
            page: topics/x.md#id  # the section that covers it, OR
            impact: "no reader impact: why"
            source: https://...   # optional, more precise than the release's
            older: "..."          # optional: what older articles still say (needs page)
            # kind: security only, as the advisory states them:
            advisory: GHSA-xxxx-xxxx-xxxx   # and/or cve: CVE-2025-12345
            affected: "< 3.9.0"
            fixed: "3.9.0"
            safe_here: "..."      # optional: why a pin inside the range is safe on this site
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.facts import package_key
from sidebyside.data.yamlsrc import LocatedDict
from sidebyside.errors import SiteError

RELEASES_DIR = ROOT / "data" / "releases"
SINCE = datetime.date(2024, 1, 1)
"""The ledger covers every final release published on or after this day."""

KINDS = ("removed", "deprecated", "default-changed", "new", "security", "packaging")
FRAMEWORKS = ("TensorFlow", "PyTorch", "JAX", "Keras", "Converters", "Ecosystem")
LEDGER_PAGES = {"reference/releases.md": ("TensorFlow", "PyTorch", "JAX", "Keras"),
                "reference/releases-libraries.md": ("Converters", "Ecosystem")}
"""Where each framework group's releases are listed: one page held every release (over 500 KB of HTML) and went
over the first-load budget; the frameworks and the libraries around them each get a page."""
REGISTRIES = ("pypi", "npm")
NO_IMPACT = "no reader impact"
SECURITY_ONLY = ("advisory", "cve", "affected", "fixed", "safe_here")
ADVISORY_RE = re.compile(r"^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$")
CVE_RE = re.compile(r"^CVE-\d{4}-\d{4,}$")
PACKAGE_KEYS = ({"package", "registry", "name", "framework", "notes_url", "releases"}, set())
RELEASE_KEYS = ({"version", "date", "source", "as_of"}, {"nothing", "changes"})
CHANGE_KEYS = ({"kind", "text"}, {"page", "impact", "source", "older", *SECURITY_ONLY})


@dataclass(frozen=True)
class Change:
    """One change of one release that a reader of this site needs to know."""

    kind: str
    text: str
    page: fields.PageLink | None
    impact: str | None
    source: str | None
    older: str | None
    advisory: str | None
    cve: str | None
    affected: str | None
    fixed: str | None
    safe_here: str | None
    line: int

    @property
    def advisory_id(self) -> str:
        """How the advisory is named: its GHSA id, else its CVE."""
        return self.advisory or self.cve or ""

    def affects(self, version: str) -> bool:
        """Whether ``version`` lies in the affected range (security changes only)."""
        return bool(self.affected) and specifier(self.affected).contains(version, prereleases=True)


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date
    source: str
    as_of: datetime.date
    nothing: str | None
    changes: tuple[Change, ...]
    line: int


@dataclass(frozen=True)
class Package:
    """One ledger file."""

    package: str
    registry: str
    name: str
    framework: str
    notes_url: str
    releases: tuple[Release, ...]
    path: Path

    @property
    def key(self) -> str:
        """``pypi:torch``: the registry record's name for this package."""
        return package_key(self.registry, self.name)


def file_name(name: str) -> str:
    """``@tensorflow/tfjs`` -> ``tensorflow-tfjs.yml``: the ledger file of a registry name."""
    return name.replace("@", "").replace("/", "-") + ".yml"


def specifier(notation: str) -> SpecifierSet:
    """An advisory's range as written (``>= 3.0.0, < 3.9.0``) as a specifier set."""
    return SpecifierSet(re.sub(r"\s+", "", notation))


def _version(node: LocatedDict, key: str, what: str) -> str:
    """A final release's version, written as text."""
    value = node.get(key)
    if not isinstance(value, str):
        raise node.error(key, f"{what} {key} {value!r} is not text", f'quote it, e.g. {key}: "2.10.0"')
    try:
        parsed = Version(value)
    except InvalidVersion:
        raise node.error(key, f"{what} {key} '{value}' is not a version", 'write it as the registry does, e.g. "2.13.0"') from None
    if parsed.is_prerelease or "-" in value:
        raise node.error(key, f"{what} {key} '{value}' is a pre-release", "the ledger lists final releases only; remove it")
    return value


def _day(node: LocatedDict, today: datetime.date | None) -> datetime.date:
    value = node.get("date")
    what = f"release {node.get('version')!r}"
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise node.error("date", f"{what} date must be a date YYYY-MM-DD, got {value!r}", "write the registry's upload day, unquoted")
    if value < SINCE or value > (today or datetime.date.today()):
        raise node.error("date", f"{what} date {value} is outside {SINCE} .. today", "write the registry's upload day of this version")
    return value


def _security(node: LocatedDict, what: str) -> dict[str, str | None]:
    """The advisory's id, affected range and fixed version, each checked for form and agreement."""
    if "advisory" not in node and "cve" not in node:
        raise node.error(None, f"{what} names no advisory", "add 'advisory: GHSA-...' and/or 'cve: CVE-...'")
    found: dict[str, str | None] = {"advisory": None, "cve": None}
    for key, pattern, example in (("advisory", ADVISORY_RE, "GHSA-48g7-3x6r-xfhp"), ("cve", CVE_RE, "CVE-2025-1550")):
        if key in node:
            value = node[key]
            if not isinstance(value, str) or not pattern.match(value):
                raise node.error(key, f"{what} {key} {value!r} is malformed", f"write it like {example}")
            found[key] = value
    for key in ("affected", "fixed"):
        if key not in node:
            raise node.error(None, f"{what} is missing '{key}'", f"add '{key}:' as the advisory states it")
    affected = fields.text(node, "affected", what)
    try:
        spec = specifier(affected)
    except InvalidSpecifier:
        fix = 'write it as the advisory does, e.g. "< 3.9.0" or ">= 2.0, < 2.6.0"'
        raise node.error("affected", f"{what} affected range '{affected}' is not a version range", fix) from None
    fixed = _version(node, "fixed", what)
    if spec.contains(fixed, prereleases=True):
        problem = f"{what} fixed version {fixed} lies inside its own affected range '{affected}'"
        raise node.error("fixed", problem, "re-read the advisory: one of the two is wrong")
    found.update(affected=affected, fixed=fixed, safe_here=fields.text(node, "safe_here", what, None))
    return found


def _change(node: LocatedDict, release: str) -> Change:
    kind = fields.one_of(node, "kind", KINDS, f"a change of {release}")
    what = f"{kind} change of {release}"
    if ("page" in node) == ("impact" in node):
        fix = "link the section that covers it (page:) or write 'impact: no reader impact: why'"
        raise node.error(None, f"{what} needs exactly one of 'page' and 'impact'", fix)
    page = fields.page_link(node, "page", what) if "page" in node else None
    impact = fields.text(node, "impact", what) if "impact" in node else None
    if impact is not None and not impact.lower().startswith(NO_IMPACT):
        raise node.error("impact", f"{what} impact must start with '{NO_IMPACT}'", f"write 'impact: {NO_IMPACT}: <why>', or link the section with 'page:'")
    if "older" in node and page is None:
        raise node.error("older", f"{what} has 'older' but no 'page'", "'older' feeds a page's what-changed section: add 'page:'")
    if kind == "security":
        security = _security(node, what)
    else:
        stray = next((key for key in SECURITY_ONLY if key in node), None)
        if stray:
            raise node.error(stray, f"{what} has '{stray}', which only a security change may have", "use 'kind: security' or remove the key")
        security = dict.fromkeys(SECURITY_ONLY)
    source = fields.url(node, "source", what) if "source" in node else None
    return Change(kind=kind, text=fields.text(node, "text", what), page=page, impact=impact, source=source,
                  older=fields.text(node, "older", what, None), line=node.line, **security)


def _release(node: LocatedDict, what: str, today: datetime.date | None) -> Release:
    version = _version(node, "version", what)
    what = f"release {version}"
    if ("nothing" in node) == ("changes" in node):
        raise node.error(None, f"{what} needs exactly one of 'nothing' and 'changes'", "list its changes, or say in 'nothing:' why none matters to readers")
    changes: tuple[Change, ...] = ()
    if "changes" in node:
        listed = fields.records(node, "changes", what, "change", *CHANGE_KEYS)
        changes = tuple(_change(change, what) for change, _ in listed)
    return Release(version=version, date=_day(node, today), source=fields.url(node, "source", what),
                   as_of=fields.as_of(node, "as_of", what, today), nothing=fields.text(node, "nothing", what, None),
                   changes=changes, line=node.line)


def load_package(path: Path, today: datetime.date | None = None) -> Package:
    """Parse and validate one ledger file; raise SiteError (file:line, what, fix) at the first problem.

    A build renders the ledger on every topic page: an unchanged file (same
    size and modification time) is parsed once.
    """
    stat = path.stat() if path.is_file() else None
    if stat is None:
        return _parse_package(path, today)
    return _cached_package(path, stat.st_mtime_ns, stat.st_size, today)


@lru_cache(maxsize=256)
def _cached_package(path: Path, mtime_ns: int, size: int, today: datetime.date | None) -> Package:
    return _parse_package(path, today)


def _parse_package(path: Path, today: datetime.date | None) -> Package:
    data = fields.document(path, *PACKAGE_KEYS)
    registry = fields.one_of(data, "registry", REGISTRIES, "the package")
    name = fields.text(data, "name", "the package")
    if path.name != file_name(name):
        raise data.error("name", f"package '{name}' is in {path.name}", f"name the file {file_name(name)}")
    releases: list[Release] = []
    seen: dict[str, int] = {}
    for node, what in fields.records(data, "releases", f"package '{name}'", "release", *RELEASE_KEYS):
        release = _release(node, what, today)
        if release.version in seen:
            raise node.error("version", f"release {release.version} is listed twice (first on line {seen[release.version]})", "keep one entry per version")
        seen[release.version] = release.line
        if releases and Version(release.version) > Version(releases[-1].version):
            raise node.error("version", f"release {release.version} comes after the older {releases[-1].version}", "list releases newest first")
        releases.append(release)
    return Package(package=fields.text(data, "package", "the package"), registry=registry, name=name,
                   framework=fields.one_of(data, "framework", FRAMEWORKS, "the package"),
                   notes_url=fields.url(data, "notes_url", "the package"), releases=tuple(releases), path=path)


def load_ledger(directory: Path = RELEASES_DIR, today: datetime.date | None = None) -> list[Package]:
    """Every ledger file, sorted by display name; a package in two files is an error."""
    packages = [load_package(path, today) for path in sorted(directory.glob("*.yml"))]
    owners: dict[str, Path] = {}
    for package in packages:
        if package.key in owners:
            raise SiteError(package.path, 1, f"{package.key} is also the package of {owners[package.key].name}", "keep one file per package")
        owners[package.key] = package.path
    return sorted(packages, key=lambda p: p.package.lower())


def ledger_page(package: Package) -> str:
    """The page (docs-relative) that lists ``package``'s releases."""
    return next(page for page, frameworks in LEDGER_PAGES.items() if package.framework in frameworks)


def changes_on(packages: list[Package], page: str) -> list[tuple[Package, Release, Change]]:
    """Every change that links to ``page`` (docs-relative, no anchor), newest release first."""
    found = [(p, r, c) for p in packages for r in p.releases for c in r.changes
             if c.page is not None and c.page.partition("#")[0] == page]
    return sorted(found, key=lambda item: (item[1].date, item[0].package), reverse=True)


for _path in sorted(RELEASES_DIR.glob("*.yml")):
    loader(f"releases/{_path.name}")(partial(load_package, _path))
