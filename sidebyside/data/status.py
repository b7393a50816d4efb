"""Load ``data/status.yml``: whether each tool, API, export route or converter works, fails, is deprecated or removed.

A status said in two places drifts: the deployment table once said a
converter fails while the conversion matrix ran it green, because the two
called it differently. Each subject therefore has one record, every status
in it carries evidence (a line of an executed pair, conversion-matrix cells
or a dated primary source), and a subject whose executions differ lists one
status per condition, each with the word (``marker``) that names it.
Pages show a status with ``@status(<id>)``; ``status_text`` refuses prose
that states another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.fields import PairRef
from sidebyside.data.yamlsrc import LocatedDict
from sidebyside.errors import SiteError

STATUS = ROOT / "data" / "status.yml"
SNIPPETS = ROOT / "snippets"

WORDS: dict[str, re.Pattern[str]] = {
    "fails": re.compile(r"\b(?:fails?|failing|broken|does not work|doesn't work|no longer works)\b", re.IGNORECASE),
    "removed": re.compile(r"(?<!will be )(?<!to be )\b(?:removed|deleted|no longer exists)\b", re.IGNORECASE),
    "deprecated": re.compile(r"\b(?:deprecated|DeprecationWarning|deprecation warning)\b", re.IGNORECASE),
    "works": re.compile(r"\b(?:works?|passes|working)\b", re.IGNORECASE),
}
"""The words that state each status, in the order they are looked for.

A negated 'work' is a failure; 'will be removed' announces a removal, it does not state one.
"""
ALSO_TRUE = {"deprecated": {"works"}}
"""A deprecated API still runs, so saying it works is no contradiction."""
MATRIX_PASS = {"works": True, "fails": False}


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a recorded line, matrix cells or a dated source (exactly one kind is set)."""

    line: int
    pair: PairRef | None = None
    framework: str | None = None
    pattern: str | None = None
    matrix: str | None = None
    families: tuple[str, ...] = ()
    source: str | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class Status:
    status: str
    when: str
    marker: str | None
    evidence: tuple[Evidence, ...]
    line: int


@dataclass(frozen=True)
class Subject:
    id: str
    name: str
    aliases: tuple[str, ...]
    statuses: tuple[Status, ...]
    line: int

    def allows(self) -> set[str]:
        """Statuses the record holds, with what each implies."""
        held = {s.status for s in self.statuses}
        return held | {implied for s in held for implied in ALSO_TRUE.get(s, set())}


def _evidence(item: LocatedDict, what: str) -> Evidence:
    if "pair" in item:
        fields.keys(item, {"pair", "line"}, set(), f"{what} evidence")
        topic_pair, dot, framework = fields.text(item, "pair", what).rpartition(".")
        if not dot:
            raise item.error("pair", f"{what} evidence pair must name a recording 'topic/pair.framework'",
                             "e.g. pair: deployment/exporter-status.tensorflow")
        pattern = fields.text(item, "line", what)
        try:
            re.compile(pattern)
        except re.error as error:
            raise item.error("line", f"{what} evidence line {pattern!r} is not a regular expression ({error})", "fix the pattern") from None
        return Evidence(item.line, pair=PairRef(topic_pair, item.path, item.line_of("pair")), framework=framework, pattern=pattern)
    if "matrix" in item:
        fields.keys(item, {"matrix"}, {"families"}, f"{what} evidence")
        families = fields.strings(item, "families", f"{what} evidence families must be a list of family ids", "e.g. families: [mlp, lstm]")
        return Evidence(item.line, matrix=fields.text(item, "matrix", what), families=families)
    fields.keys(item, {"source", "as_of"}, set(), f"{what} evidence")
    source, as_of = fields.source(item, what)
    return Evidence(item.line, source=source, as_of=as_of)


def _status(item: LocatedDict, what: str) -> Status:
    status = fields.one_of(item, "status", tuple(WORDS), what)
    marker = fields.text(item, "marker", what, default=None)
    listed = fields.items(item, "evidence", f"{what} status '{status}'", "add a pair line, matrix cells or a dated source")
    evidence = tuple(_evidence(fields.mapping(e, listed, None, f"{what} evidence", "write a mapping"), what) for e in listed)
    return Status(status, fields.text(item, "when", what), marker, evidence, item.line)


def _subject(item: LocatedDict, seen: dict[str, int]) -> Subject:
    subject_id = fields.slug(item, "id", "subject", seen)
    what = f"subject '{subject_id}'"
    aliases = fields.names(item, "aliases", what, "list the spellings prose uses")
    listed = fields.items(item, "statuses", what, "add at least one {status, when, evidence}")
    statuses = tuple(_status(fields.mapping(s, listed, None, f"{what} status", "write a mapping"), what) for s in listed)
    unmarked = [s for s in statuses if s.marker is None]
    if len(unmarked) > 1:
        raise item.error(None, f"{what} status '{unmarked[1].status}' has no marker, and neither has '{unmarked[0].status}'",
                         "with two or more statuses, give every one but the general case a 'marker:', the word every "
                         "sentence stating it must contain (its condition)")
    return Subject(subject_id, fields.text(item, "name", what), aliases, statuses, item.line)


@loader("status.yml")
def load_status(path: Path = STATUS) -> list[Subject]:
    """Parse and validate every subject; raise SiteError (file:line, what, fix) at the first problem."""
    data = fields.document(path, {"subjects"})
    seen: dict[str, int] = {}
    return [_subject(item, seen) for item, _ in fields.records(data, "subjects", "status data", "subject", {"id", "name", "aliases", "statuses"})]


def check_evidence(subjects: list[Subject], path: Path = STATUS, snippets: Path = SNIPPETS, matrix: dict | None = None) -> int:
    """Every pair line and matrix cell must still show the status it backs; returns how many (dated sources are not counted).

    Re-recording a pair or re-running the matrix changes the evidence; when a
    status no longer follows from it, this names the record's line.
    """
    checked = 0
    for subject in subjects:
        for status in subject.statuses:
            for item in status.evidence:
                if item.pair is not None:
                    _check_line(subject, status, item, path, snippets)
                elif item.matrix is not None:
                    _check_cells(subject, status, item, path, matrix)
                checked += item.source is None
    return checked


def _check_line(subject: Subject, status: Status, item: Evidence, path: Path, snippets: Path) -> None:
    out = snippets / f"{item.pair}.{item.framework}.out"
    if not out.is_file():
        raise SiteError(path, item.line, f"subject '{subject.id}': no recording {out.relative_to(snippets.parent)}",
                        "name a recorded half, e.g. deployment/exporter-status.tensorflow")
    assert item.pattern is not None
    lines = [text for text in out.read_text(encoding="utf-8").splitlines() if re.search(item.pattern, text)]
    if not lines or not WORDS[status.status].search(lines[0]):
        found = f"its line {lines[0]!r} does not say '{status.status}'" if lines else "no line matches"
        raise SiteError(path, item.line, f"subject '{subject.id}' status '{status.status}': evidence {out.name} /{item.pattern}/: {found}",
                        "the recording no longer shows this status: re-check the subject and change the record (and the pages follow)")


def _check_cells(subject: Subject, status: Status, item: Evidence, path: Path, matrix: dict | None) -> None:
    if status.status not in MATRIX_PASS:
        raise SiteError(path, item.line, f"subject '{subject.id}': matrix cells can back 'works' or 'fails', not '{status.status}'",
                        "back this status with a pair line or a dated source")
    if matrix is None:
        from sidebyside.tools.conversions import schema

        matrix = schema.load()
    cells = [c for c in matrix["cells"] if c["path"] == item.matrix and (not item.families or c["family"] in item.families)]
    if not cells:
        raise SiteError(path, item.line, f"subject '{subject.id}': the conversion matrix has no cell for '{item.matrix}' {list(item.families)}",
                        "use a path id and family ids of data/conversions/matrix.json")
    wrong = [c["family"] for c in cells if (c["status"] == "pass") != MATRIX_PASS[status.status]]
    if wrong:
        raise SiteError(path, item.line, f"subject '{subject.id}' status '{status.status}': matrix cells {item.matrix} {wrong} say otherwise",
                        "name the families the status holds for, or add a status with its condition")
