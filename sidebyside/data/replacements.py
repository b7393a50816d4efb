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
from sidebyside.data import fields, loader
from sidebyside.data.yamlsrc import LocatedDict

REPLACEMENTS = ROOT / "data" / "replacements.yml"

STATUSES = ("archived", "deprecated", "removed", "renamed", "moved", "superseded", "unmaintained", "shut down")
FRAMEWORKS = ("TensorFlow", "PyTorch", "Both")
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
    shown_shows: str
    """Literal text the linked section (or the record behind a generated anchor) must hold: sidebyside/site/shown_by.py."""
    shown_line: int
    source: str
    source_title: str
    as_of: date
    line: int


def _entry(item: LocatedDict, seen: dict[str, int]) -> Replacement:
    entry_id = fields.slug(item, "id", "replacement", seen)
    what = f"replacement '{entry_id}'"
    aliases = fields.names(item, "aliases", what, "list what readers type, e.g. [tf.lite, tflite]")
    when = None
    if "date" in item:
        raw = item["date"]
        when = raw.isoformat() if isinstance(raw, date) else str(raw)
        if not DATE_RE.match(when):
            raise item.error("date", f"{what}: date {raw!r} is not YYYY, YYYY-MM or YYYY-MM-DD", 'quote partial dates, e.g. date: "2025-07"')
    shown = fields.mapping(item["shown_by"], item, "shown_by", f"{what} shown_by",
                           "write 'text: ...', 'link: topics/page.md#anchor' and 'shows: what that section runs'")
    fields.keys(shown, {"text", "link", "shows"}, set(), f"{what} shown_by")
    link = fields.page_link(shown, "link", f"{what} shown_by")
    source, as_of = fields.source(item, what)
    assert source and as_of  # both keys are required
    return Replacement(
        id=entry_id, old=fields.text(item, "old", what), aliases=aliases,
        framework=fields.one_of(item, "framework", FRAMEWORKS, what), status=fields.one_of(item, "status", STATUSES, what),
        date=when, replacement=fields.text(item, "replacement", what), shown_text=fields.text(shown, "text", what),
        shown_link=link, shown_shows=fields.text(shown, "shows", what), shown_line=shown.line, source=source,
        source_title=fields.text(item, "source_title", what), as_of=as_of, line=item.line,
    )


@loader("replacements.yml")
def load_replacements(path: Path = REPLACEMENTS) -> list[Replacement]:
    """Parse and validate every entry; raise SiteError (file:line, what, fix) at the first problem."""
    data = fields.document(path, {"replacements"})
    seen: dict[str, int] = {}
    return [_entry(item, seen) for item, _ in fields.records(data, "replacements", "replacements data", "replacement", *KEYS)]


def synonyms(entries: list[Replacement]) -> dict[str, str]:
    """Every alias (lowercased) -> the entry's id: the search synonym layer's input."""
    table: dict[str, str] = {}
    for entry in entries:
        for name in (entry.old, *entry.aliases):
            table.setdefault(name.lower(), entry.id)
    return table
