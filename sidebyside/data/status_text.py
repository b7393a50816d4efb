"""Refuse prose that states a status its subject's record does not hold.

The rule is deliberately plain, so a contributor can predict it:

- a *unit* is a table row, or a clause of a Markdown paragraph (pages
  under ``docs/``) or of one line of a data file (``data/*.yml``) or of a
  notebook source (``notebooks/*.py``): text
  is cut at sentence ends, semicolons and ", and" / ", but"; fenced code,
  HTML comments and ``@status(...)`` markers are left out;
- a status word (``WORDS`` in ``sidebyside.data.status``) belongs to the
  nearest alias of a subject in the same unit;
- that status must be one the record holds (a deprecated API may also be
  said to work), and for a subject whose executions differ by condition,
  the unit must also contain that status's ``marker`` (say "fails on a
  Sequential model", never just "fails").

Errors name both places: the unit's ``file:line`` and the record's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.status import STATUS, WORDS, Subject
from sidebyside.errors import SiteError, SiteErrors, display_path
from sidebyside.mdtext import outside_fences

COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
MARKER_RE = re.compile(r"@status\((?P<id>[^)\s]*)\)")
"""``@status(<id>)``: where a page or data file shows a subject's status, rendered from the record."""
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*(\[])|;\s+|,\s+(?:and|but|while)\s+")
"""Where one clause ends and the next begins: sentence ends, semicolons, ', and' / ', but' / ', while'."""
BREAK_RE = re.compile(r"^\s*(?:[-*+] |\d+\. |#|!!! |\|)")
"""Lines that start a new unit: list items, headings, admonitions, table rows."""


def _units_markdown(text: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each table row and each sentence outside fences."""
    para: list[tuple[int, str]] = []

    def flush() -> Iterator[tuple[int, str]]:
        if not para:
            return
        joined, starts = "", []
        for number, line in para:
            starts.append((len(joined), number))
            joined += line.strip() + " "
        offset = 0
        for match in [*SENTENCE_END_RE.finditer(joined), None]:
            end = match.start() if match else len(joined)
            yield max(n for start, n in starts if start <= offset), joined[offset:end]
            offset = match.end() if match else offset
        para.clear()

    for number, line in outside_fences(MARKER_RE.sub("", COMMENT_RE.sub(lambda m: "\n" * m.group().count("\n"), text))):
        if not line.strip() or BREAK_RE.match(line):
            yield from flush()
            if line.lstrip().startswith("|"):
                yield number, line
            elif line.strip():
                para.append((number, line))
            continue
        para.append((number, line))
    yield from flush()


def _units_notebook(text: str) -> Iterator[tuple[int, str]]:
    """A jupytext source: its comment lines read as Markdown, code lines and cell markers end a paragraph."""
    lines = [line[2:] if line.startswith("# ") and not line.startswith("# %%") else "" for line in text.splitlines()]
    yield from _units_markdown("\n".join(lines))


def _units_yaml(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        for clause in SENTENCE_END_RE.split(MARKER_RE.sub("", line)):
            yield number, clause


def _nearest(subjects: list[Subject], unit: str, at: int) -> Subject | None:
    best: tuple[int, Subject] | None = None
    for subject in subjects:
        for alias in subject.aliases:
            for found in re.finditer(re.escape(alias), unit):
                distance = min(abs(found.start() - at), abs(found.end() - at))
                if best is None or distance < best[0]:
                    best = (distance, subject)
    return best[1] if best else None


def problems_in(path: Path, units: Iterator[tuple[int, str]], subjects: list[Subject], record: Path = STATUS) -> list[SiteError]:
    """Every unit of one file that states a status the nearest subject's record does not hold."""
    found = []
    for line, unit in units:
        if not any(alias in unit for subject in subjects for alias in subject.aliases):
            continue
        rest = unit
        for status, pattern in WORDS.items():
            for match in pattern.finditer(rest):
                subject = _nearest(subjects, unit, match.start())
                if subject is None:
                    continue
                problem = _problem(subject, status, unit)
                if problem:
                    found.append(SiteError(path, line, f"says '{match.group()}' about {subject.aliases[0]}, but {display_path(record)}:{subject.line} "
                                                       f"records {problem}",
                                           f"show the status with @status({subject.id}), or state what the record says (fix the record first if it is wrong)"))
            rest = pattern.sub(lambda m: " " * len(m.group()), rest)
    return found


def _problem(subject: Subject, status: str, unit: str) -> str | None:
    if status not in subject.allows():
        return " / ".join(f"'{s.status}' {s.when}" for s in subject.statuses)
    if len(subject.statuses) > 1:
        held = [s for s in subject.statuses if s.status == status]
        if held and held[0].marker and held[0].marker not in unit:
            return f"'{status}' only {held[0].when} (a sentence stating it must name '{held[0].marker}')"
    return None


def check_text(subjects: list[Subject], root: Path = ROOT, record: Path = STATUS) -> tuple[int, list[SiteError]]:
    """Scan docs/**/*.md, data/*.yml (but the record itself) and notebooks/*.py; returns (units read, problems)."""
    problems: list[SiteError] = []
    count = 0
    files = [(p, _units_markdown) for p in sorted((root / "docs").rglob("*.md"))]
    files += [(p, _units_yaml) for p in sorted((root / "data").glob("*.yml")) if p.name != record.name]
    files += [(p, _units_notebook) for p in sorted((root / "notebooks").glob("*.py"))]
    for path, splitter in files:
        units = list(splitter(path.read_text(encoding="utf-8")))
        count += len(units)
        problems += problems_in(path, iter(units), subjects, record)
    return count, problems


def unknown_markers(subjects: list[Subject], root: Path = ROOT) -> list[SiteError]:
    """``@status(<id>)`` in a page or data file must name a subject (the build would stop on it later, less clearly)."""
    known = {s.id for s in subjects}
    found = []
    for path in [*sorted((root / "docs").rglob("*.md")), *sorted((root / "data").glob("*.yml"))]:
        if path.name == STATUS.name:
            continue  # its header documents the syntax
        for number, line in outside_fences(path.read_text(encoding="utf-8")):
            for match in MARKER_RE.finditer(line):
                subject_id = match["id"]
                if subject_id not in known:
                    found.append(SiteError(path, number, f"unknown status subject '{subject_id}'",
                                           f"use an id of {display_path(STATUS)}: {', '.join(sorted(known))}"))
    return found


def replacement_problems(subjects: list[Subject], root: Path = ROOT) -> list[SiteError]:
    """A what-replaced-what entry with the id of a subject must hold a status the record holds."""
    from sidebyside.data.replacements import load_replacements

    records = {s.id: s for s in subjects}
    path = root / "data" / "replacements.yml"
    found = []
    for entry in load_replacements(path):
        subject = records.get(entry.id)
        if subject is not None and entry.status in WORDS and entry.status not in subject.allows():
            held = " / ".join(s.status for s in subject.statuses)
            found.append(SiteError(path, entry.line, f"replacement '{entry.id}' says '{entry.status}', but "
                                                     f"{display_path(STATUS)}:{subject.line} records '{held}'",
                                   "make the two agree (the page shows the record's status)"))
    return found


def check(root: Path = ROOT) -> str:
    """What ``python -m sidebyside check`` runs: evidence, markers and prose against the record."""
    from sidebyside.data.status import check_evidence, load_status

    subjects = load_status(root / "data" / STATUS.name)
    evidence = check_evidence(subjects, root / "data" / STATUS.name, root / "snippets")
    units, problems = check_text(subjects, root)
    problems = unknown_markers(subjects, root) + replacement_problems(subjects, root) + problems
    if problems:
        raise SiteErrors(problems)
    return f"{len(subjects)} status subjects, {evidence} pieces of executed evidence hold, {units} sentences and rows agree with them"
