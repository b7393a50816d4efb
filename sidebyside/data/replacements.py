"""Load ``data/replacements.yml``: what replaced each retired or renamed piece.

Old tutorials keep sending readers to TorchServe, ``tf.lite``, TF Hub or
TorchScript. Each entry names the old piece (and every alias a reader may
type: the search layer uses ``aliases`` as synonyms), its status and date,
the replacement, a link to the section of this site that runs the
replacement, and the primary source with the day it was checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.yamlsrc import LocatedDict, LocatedList, load_yaml, require_keys
from sidebyside.errors import SiteError
from sidebyside.site.weblinks import check_source, check_target

REPLACEMENTS = ROOT / "data" / "replacements.yml"

STATUSES = ("archived", "deprecated", "removed", "renamed", "moved", "superseded", "unmaintained", "shut down")
FRAMEWORKS = ("TensorFlow", "PyTorch", "Both")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
KEYS = ({"id", "old", "aliases", "framework", "status", "replacement", "shown_by", "source", "source_title", "as_of"}, {"date"})


@dataclass(frozen=True)
class Replacement:
    id: str
    old: str
    aliases: tuple[str, ...]
    framework: str
    status: str
    date: str | None
    replacement: str
    shown_text: str
    shown_link: str
    source: str
    source_title: str
    as_of: date
    line: int


def _text(path: Path, item: LocatedDict, key: str, what: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SiteError(path, item.line_of(key), f"{what}: '{key}' must be non-empty text", f"write {key}: <text>")
    return " ".join(value.split())


def _entry(path: Path, item: object, line: int, seen: set[str]) -> Replacement:
    if not isinstance(item, LocatedDict):
        raise SiteError(path, line, "each replacement must be a mapping", "start it with '- id: ...'")
    require_keys(path, item, *KEYS, "replacement")
    entry_id = item["id"]
    if not isinstance(entry_id, str) or not ID_RE.match(entry_id) or entry_id in seen:
        raise SiteError(path, item.line_of("id"), f"id {entry_id!r} is not a new lowercase-hyphen id", "give each entry its own id, e.g. torchserve")
    seen.add(entry_id)
    what = f"replacement '{entry_id}'"
    aliases = item["aliases"]
    if not isinstance(aliases, LocatedList) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise SiteError(path, item.line_of("aliases"), f"{what}: 'aliases' must be a non-empty list of names", "list what readers type, e.g. [tf.lite, tflite]")
    if item["framework"] not in FRAMEWORKS:
        raise SiteError(path, item.line_of("framework"), f"{what}: unknown framework {item['framework']!r}", f"use one of {', '.join(FRAMEWORKS)}")
    if item["status"] not in STATUSES:
        raise SiteError(path, item.line_of("status"), f"{what}: unknown status {item['status']!r}", f"use one of: {', '.join(STATUSES)}")
    when = None
    if "date" in item:
        raw = item["date"]
        when = raw.isoformat() if isinstance(raw, date) else str(raw)
        if not DATE_RE.match(when):
            raise SiteError(path, item.line_of("date"), f"{what}: date {raw!r} is not YYYY, YYYY-MM or YYYY-MM-DD", 'quote partial dates, e.g. date: "2025-07"')
    shown = item["shown_by"]
    if not isinstance(shown, LocatedDict):
        raise SiteError(path, item.line_of("shown_by"), f"{what}: 'shown_by' must be a mapping", "write 'text: ...' and 'link: topics/page.md#anchor'")
    require_keys(path, shown, {"text", "link"}, set(), f"{what} shown_by")
    link = check_target(path, shown.line_of("link"), shown["link"], f"{what} shown_by")
    source, as_of = check_source(path, item, what)
    assert source and as_of  # both keys are required above
    return Replacement(
        id=entry_id, old=_text(path, item, "old", what), aliases=tuple(a.strip() for a in aliases),
        framework=item["framework"], status=item["status"], date=when, replacement=_text(path, item, "replacement", what),
        shown_text=_text(path, shown, "text", what), shown_link=link, source=source,
        source_title=_text(path, item, "source_title", what), as_of=as_of, line=item.line,
    )


def load_replacements(path: Path = REPLACEMENTS) -> list[Replacement]:
    """Parse and validate every entry; raise SiteError (file:line, what, fix) at the first problem."""
    data = load_yaml(path)
    if not isinstance(data, LocatedDict):
        raise SiteError(path, 1, "expected a mapping with a 'replacements' list", "start the file with 'replacements:'")
    require_keys(path, data, {"replacements"}, set(), "replacements data")
    items = data["replacements"]
    if not isinstance(items, LocatedList) or not items:
        raise SiteError(path, data.line_of("replacements"), "'replacements' must be a non-empty list", "add at least one entry")
    seen: set[str] = set()
    return [_entry(path, item, getattr(item, "line", items.line), seen) for item in items]


def synonyms(entries: list[Replacement]) -> dict[str, str]:
    """Every alias (lowercased) -> the entry's id: the search synonym layer's input."""
    table: dict[str, str] = {}
    for entry in entries:
        for name in (entry.old, *entry.aliases):
            table.setdefault(name.lower(), entry.id)
    return table
