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
from sidebyside.data.community import COMMUNITY, Fact, load_community
from sidebyside.data.releases import Package, load_ledger
from sidebyside.data.yamlsrc import LocatedDict
from sidebyside.errors import SiteError, display_path, raise_all

REPLACEMENTS = ROOT / "data" / "replacements.yml"

STATUSES = ("archived", "deprecated", "removed", "renamed", "moved", "superseded", "unmaintained", "shut down")
FRAMEWORKS = ("TensorFlow", "PyTorch", "Both")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
KEYS = ({"id", "old", "aliases", "framework", "status", "replacement", "shown_by", "source", "source_title", "as_of"}, {"date", "date_from"})


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
    date_from: tuple[str, str] | None = None
    """(ledger package, version) whose release day the date is: ``date_problems`` holds the date to it."""
    date_line: int = 0


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
        date_from=_date_from(item, what), date_line=item.line_of("date"),
    )


def _date_from(item: LocatedDict, what: str) -> tuple[str, str] | None:
    if "date_from" not in item:
        return None
    parts = fields.text(item, "date_from", what).split()
    if len(parts) != 2 or "date" not in item:
        raise item.error("date_from", f"{what}: date_from must be '<ledger package> <version>', beside a date",
                         'e.g. date_from: torch 2.13.0')
    return parts[0], parts[1]


@loader("replacements.yml")
def load_replacements(path: Path = REPLACEMENTS) -> list[Replacement]:
    """Parse and validate every entry; raise SiteError (file:line, what, fix) at the first problem."""
    data = fields.document(path, {"replacements"})
    seen: dict[str, int] = {}
    entries = [_entry(item, seen) for item, _ in fields.records(data, "replacements", "replacements data", "replacement", *KEYS)]
    facts = [fact for section in load_community() for fact in section.facts]
    raise_all(date_problems(path, entries, load_ledger()) + twin_problems(path, entries, facts))
    return entries


def twin_problems(path: Path, entries: list[Replacement], facts: list[Fact], facts_path: Path = COMMUNITY) -> list[SiteError]:
    """A date no ledger release carries is also given by a community fact read from the same source.

    Such a date comes from a page no test can re-read offline. The community
    page's dated signals restate it, so the two records hold each other:
    moving one date alone is refused, naming both places (to the coarser
    precision: 2025-07 agrees with 2025-07-25).
    """
    problems = []
    for entry in entries:
        if not entry.date:
            continue
        twins = [fact for fact in facts if fact.when and fact.source.rstrip("/") == entry.source.rstrip("/")]
        if entry.date_from is None and not twins:
            problems.append(SiteError(path, entry.date_line, f"replacement '{entry.id}': date {entry.date} is carried by no "
                                      f"release of the ledger and by no dated fact of {display_path(facts_path)}",
                                      "add 'date_from: <package> <version>', or a fact with 'when:' and the same source "
                                      "to the community page's 'trajectory' section"))
        for fact in twins:
            assert fact.when
            if not (entry.date.startswith(fact.when) or fact.when.startswith(entry.date)):
                problems.append(SiteError(path, entry.date_line, f"replacement '{entry.id}': date {entry.date} disagrees with "
                                          f"{display_path(facts_path)}:{fact.when_line}, which gives {fact.when} from the same "
                                          f"source ({entry.source})",
                                          "re-read the source and write its date in both places"))
    return problems


def date_problems(path: Path, entries: list[Replacement], ledger: list[Package]) -> list[SiteError]:
    """Dates a release carries are held to the release ledger.

    An entry whose source is the notes of a ledger release must say so
    (``date_from: <package> <version>``), and a ``date_from`` release must be
    in the ledger with the entry's date as its day (to the precision the date
    is written in: a year, a month or a day).
    """
    releases = {(p.package, r.version): (p, r) for p in ledger for r in p.releases}
    by_source = {r.source: key for key, (_, r) in releases.items()}
    problems = []
    for entry in entries:
        if entry.date_from is None:
            if entry.date and entry.source in by_source:
                package, version = by_source[entry.source]
                problems.append(SiteError(path, entry.date_line, f"replacement '{entry.id}': its source is the notes of "
                                          f"{package} {version} in the release ledger, but its date does not say it comes from them",
                                          f"add 'date_from: {package} {version}'"))
            continue
        package, release = releases.get(entry.date_from, (None, None))
        if package is None or release is None:
            problems.append(SiteError(path, entry.date_line, f"replacement '{entry.id}': date_from {' '.join(entry.date_from)} "
                                      "is not a release of the ledger (data/releases/)", "name a ledger package and version"))
        elif entry.date and not release.date.isoformat().startswith(entry.date):
            problems.append(SiteError(path, entry.date_line, f"replacement '{entry.id}': date {entry.date} is not the day of "
                                      f"{' '.join(entry.date_from)} in the release ledger ({release.date}, "
                                      f"{display_path(package.path)}:{release.line})",
                                      f"write the ledger's day ({release.date.isoformat()[:len(entry.date)]}), or correct the ledger entry"))
    return problems


def synonyms(entries: list[Replacement]) -> dict[str, str]:
    """Every alias (lowercased) -> the entry's id: the search synonym layer's input."""
    table: dict[str, str] = {}
    for entry in entries:
        for name in (entry.old, *entry.aliases):
            table.setdefault(name.lower(), entry.id)
    return table
