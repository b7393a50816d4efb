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
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.yamlsrc import LocatedDict

COMMUNITY = ROOT / "data" / "community.yml"

FRAMEWORKS = ("TensorFlow", "PyTorch", "JAX", "Both")
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
    when_line: int = 0


@dataclass(frozen=True)
class Section:
    """A group of facts shown under one heading of the community page."""

    id: str
    title: str
    intro: str | None
    facts: list[Fact]
    line: int


def _when(item: LocatedDict) -> str | None:
    """Optional date of the event or figure: YYYY, YYYY-MM or YYYY-MM-DD."""
    if "when" not in item:
        return None
    value = item["when"]
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if not WHEN_RE.match(text):
        raise item.error("when", f"fact 'when' must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}",
                         "quote partial dates, e.g. when: \"2019-09\"")
    return text


def _fact(raw: LocatedDict, today: datetime.date) -> Fact:
    source, as_of = fields.source(raw, "fact", today)
    registry = version = None
    if "registry" in raw or "version" in raw:
        registry, version = str(raw.get("registry", "")), str(raw.get("version", ""))
        if not REGISTRY_RE.match(registry):
            raise raw.error("registry" if "registry" in raw else None,
                            f"fact: registry {registry!r} is not 'pypi:<name>' or 'npm:<name>'", "e.g. registry: pypi:torch")
        if not version:
            raise raw.error(None, "fact: a registry fact needs 'version'",
                            "write the version the verdicts were checked against, e.g. version: \"2.15.0\"")
    assert source is not None and as_of is not None  # both are required keys
    return Fact(
        registry=registry,
        version=version,
        framework=fields.one_of(raw, "framework", FRAMEWORKS, "fact"),
        text=fields.text(raw, "fact", "fact"),
        when=_when(raw),
        when_line=raw.line_of("when"),
        source=source,
        source_title=fields.text(raw, "source_title", "fact"),
        as_of=as_of,
        line=raw.line,
    )


def _section(raw: LocatedDict, what: str, seen: dict[str, int], today: datetime.date) -> Section:
    section_id = fields.slug(raw, "id", "section", seen)
    return Section(
        id=section_id,
        title=fields.text(raw, "title", "section"),
        intro=fields.text(raw, "intro", "section", default=None),
        facts=[_fact(item, today) for item, _ in fields.records(raw, "facts", what, "fact", *FACT_KEYS)],
        line=raw.line,
    )


@loader("community.yml")
def load_community(path: Path = COMMUNITY, today: datetime.date | None = None) -> list[Section]:
    """Parse and check every section and fact; raise SiteError at the first problem."""
    today = today or datetime.date.today()
    data = fields.document(path, {"sections"})
    seen: dict[str, int] = {}
    return [_section(item, what, seen, today) for item, what in fields.records(data, "sections", "community data", "section", *SECTION_KEYS)]
