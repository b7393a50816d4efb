"""Load and validate ``data/community.yml``: dated, sourced facts about both projects.

Who backs a framework, when it shipped and how widely it is used cannot be
checked by running code, so each such fact must carry its evidence: a
``source`` (an https URL) and ``as_of`` (the day the source was read). The
reader sees both. Anything missing or malformed stops the build with the
data file's ``file:line``.

File shape::

    sections:
      - id: origins                  # heading id on the page, lowercase-hyphen
        title: Origins and governance
        intro: One or two sentences.  # optional
        facts:
          - framework: PyTorch       # TensorFlow, PyTorch or Both
            when: 2022-09-12         # optional: date (or YYYY-MM / YYYY) of the event or figure
            fact: Meta moved PyTorch to the new PyTorch Foundation.
            source: https://...
            source_title: Linux Foundation press release
            as_of: 2026-11-26
            registry: pypi:torch     # optional: a fact a registry can answer (checked by make facts)
            version: "2.15.0"        # required with registry: the newest version the verdicts were checked against
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.yamlsrc import LocatedDict, LocatedList, load_yaml, require_keys
from sidebyside.errors import SiteError

COMMUNITY = ROOT / "data" / "community.yml"

FRAMEWORKS = ("TensorFlow", "PyTorch", "JAX", "Both")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WHEN_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
SECTION_KEYS = ({"id", "title", "facts"}, {"intro"})
FACT_KEYS = ({"framework", "fact", "source", "source_title", "as_of"}, {"when", "registry", "version"})
REGISTRY_RE = re.compile(r"^(pypi|npm):\S+$")


@dataclass(frozen=True)
class Fact:
    """One sourced statement, with the line it came from."""

    framework: str
    text: str
    when: str | None
    source: str
    source_title: str
    as_of: datetime.date
    line: int
    registry: str | None = None
    version: str | None = None


@dataclass(frozen=True)
class Section:
    """A group of facts shown under one heading of the community page."""

    id: str
    title: str
    intro: str | None
    facts: list[Fact]
    line: int


def _text(path: Path, item: LocatedDict, key: str, what: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SiteError(path, item.line_of(key), f"{what}: '{key}' must be non-empty text", f"write {key}: <text>")
    return value.strip()


def _as_of(path: Path, item: LocatedDict, today: datetime.date) -> datetime.date:
    """The day the source was read: a real date, not in the future."""
    value = item.get("as_of")
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise SiteError(path, item.line_of("as_of"), f"fact: 'as_of' must be a date YYYY-MM-DD, got {value!r}",
                        "write the day you read the source, e.g. as_of: 2026-11-26")
    if value > today:
        raise SiteError(path, item.line_of("as_of"), f"fact: 'as_of' {value} is in the future",
                        "use the day you read the source")
    return value


def _when(path: Path, item: LocatedDict) -> str | None:
    """Optional date of the event or figure: YYYY, YYYY-MM or YYYY-MM-DD."""
    if "when" not in item:
        return None
    value = item["when"]
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if not WHEN_RE.match(text):
        raise SiteError(path, item.line_of("when"), f"fact: 'when' must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}",
                        "quote partial dates, e.g. when: \"2019-09\"")
    return text


def _fact(path: Path, raw: object, line: int, today: datetime.date) -> Fact:
    if not isinstance(raw, LocatedDict):
        raise SiteError(path, line, "each fact must be a mapping", "give framework, fact, source, source_title and as_of")
    require_keys(path, raw, *FACT_KEYS, "fact")
    framework = raw["framework"]
    if framework not in FRAMEWORKS:
        raise SiteError(path, raw.line_of("framework"), f"fact: unknown framework {framework!r}", f"use one of {', '.join(FRAMEWORKS)}")
    source = _text(path, raw, "source", "fact")
    if not source.startswith("https://"):
        raise SiteError(path, raw.line_of("source"), f"fact: source {source!r} is not an https URL", "link the page you read, starting with https://")
    registry = version = None
    if "registry" in raw or "version" in raw:
        registry, version = str(raw.get("registry", "")), str(raw.get("version", ""))
        if not REGISTRY_RE.match(registry):
            raise SiteError(path, raw.line_of("registry") if "registry" in raw else raw.line,
                            f"fact: registry {registry!r} is not 'pypi:<name>' or 'npm:<name>'", "e.g. registry: pypi:torch")
        if not version:
            raise SiteError(path, raw.line, "fact: a registry fact needs 'version'",
                            "write the version the verdicts were checked against, e.g. version: \"2.15.0\"")
    return Fact(
        registry=registry,
        version=version,
        framework=framework,
        text=_text(path, raw, "fact", "fact"),
        when=_when(path, raw),
        source=source,
        source_title=_text(path, raw, "source_title", "fact"),
        as_of=_as_of(path, raw, today),
        line=raw.line,
    )


def _section(path: Path, raw: object, line: int, seen: set[str], today: datetime.date) -> Section:
    if not isinstance(raw, LocatedDict):
        raise SiteError(path, line, "each section must be a mapping", "give id, title and facts")
    require_keys(path, raw, *SECTION_KEYS, "section")
    section_id = raw["id"]
    if not isinstance(section_id, str) or not ID_RE.match(section_id):
        raise SiteError(path, raw.line_of("id"), f"section id {section_id!r} is not lowercase-hyphen", "e.g. id: release-history")
    if section_id in seen:
        raise SiteError(path, raw.line_of("id"), f"duplicate section id '{section_id}'", "give every section its own id")
    seen.add(section_id)
    facts = raw["facts"]
    if not isinstance(facts, LocatedList) or not facts:
        raise SiteError(path, raw.line_of("facts"), f"section '{section_id}' has no facts", "add a list of facts or remove the section")
    return Section(
        id=section_id,
        title=_text(path, raw, "title", "section"),
        intro=_text(path, raw, "intro", "section") if "intro" in raw else None,
        facts=[_fact(path, item, getattr(item, "line", facts.line), today) for item in facts],
        line=raw.line,
    )


def load_community(path: Path = COMMUNITY, today: datetime.date | None = None) -> list[Section]:
    """Parse and check every section and fact; raise SiteError at the first problem."""
    today = today or datetime.date.today()
    data = load_yaml(path)
    if not isinstance(data, LocatedDict):
        raise SiteError(path, 1, "expected a mapping with a 'sections' list", "start the file with 'sections:'")
    require_keys(path, data, {"sections"}, set(), "community data")
    sections = data["sections"]
    if not isinstance(sections, LocatedList) or not sections:
        raise SiteError(path, data.line_of("sections"), "'sections' must be a non-empty list", "add at least one section")
    seen: set[str] = set()
    return [_section(path, item, getattr(item, "line", sections.line), seen, today) for item in sections]
