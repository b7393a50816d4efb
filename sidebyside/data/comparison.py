"""Load and validate ``data/comparison.yml``, the single source of the comparison table.

The table page and the home-page summary are both rendered from the objects
returned here, so a criterion cannot say one thing in one place and another
elsewhere. Every mistake in the file stops the build with one
``data/comparison.yml:LINE: problem; fix`` message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.fields import PageLink
from sidebyside.data.yamlsrc import LocatedDict

COMPARISON = ROOT / "data" / "comparison.yml"

VERDICTS: dict[str, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch", "tie": "Tie", "depends": "Depends"}
"""Allowed verdict values -> label shown to readers."""

ROW_REQUIRED = {"id", "criterion", "tensorflow", "pytorch", "verdict", "why", "evidence"}
ROW_OPTIONAL = {"source", "as_of", "depends_on", "bench_cases", "verdict_clause"}
GROUP_KEYS = {"id", "title", "rows"}


@dataclass(frozen=True)
class Row:
    """One criterion: what each framework offers, who is ahead, and where the proof is."""

    id: str
    group: str
    criterion: str
    tensorflow: str
    pytorch: str
    verdict: str
    why: str
    evidence: PageLink
    source: str | None
    as_of: date | None
    line: int
    depends_on: str | None = None
    bench_cases: tuple[str, ...] = ()
    """Benchmark cases the verdict rests on, checked against the newest data/bench/*.json."""
    verdict_clause: str | None = None
    """Words of the evidence page that state this row's verdict, where the page's verdict title names both frameworks."""


@dataclass(frozen=True)
class Group:
    """A titled group of rows (programming model, performance, ...)."""

    id: str
    title: str
    rows: tuple[Row, ...]
    line: int


@dataclass(frozen=True)
class Comparison:
    """The whole validated table, in file order."""

    path: Path
    groups: tuple[Group, ...]

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def _row(item: LocatedDict, what: str, group: str, seen: dict[str, int]) -> Row:
    row_id = fields.slug(item, "id", "row", seen)
    source, as_of = fields.source(item, what)
    return Row(
        id=row_id,
        group=group,
        criterion=fields.text(item, "criterion", what),
        tensorflow=fields.text(item, "tensorflow", what),
        pytorch=fields.text(item, "pytorch", what),
        verdict=fields.one_of(item, "verdict", VERDICTS, what),
        why=fields.text(item, "why", what),
        evidence=fields.page_link(item, "evidence", what),
        source=source,
        as_of=as_of,
        line=item.line,
        depends_on=fields.text(item, "depends_on", what, default=None),
        bench_cases=fields.strings(item, "bench_cases", f"{what} bench_cases must be a list of benchmark case names",
                                   'e.g. bench_cases: ["CNN train step, compiled"]', nonblank=True),
        verdict_clause=fields.text(item, "verdict_clause", what, default=None),
    )


@loader("comparison.yml")
def load_comparison(path: Path = COMPARISON) -> Comparison:
    """Parse and validate the comparison file; raise SiteError on the first mistake."""
    data = fields.document(path, {"groups"})
    group_ids: dict[str, int] = {}
    row_ids: dict[str, int] = {}
    groups = []
    for item, what in fields.records(data, "groups", "comparison.yml", "group", GROUP_KEYS):
        group_id = fields.slug(item, "id", "group", group_ids)
        rows = tuple(_row(row, row_what, group_id, row_ids) for row, row_what in fields.records(item, "rows", what, "row", ROW_REQUIRED, ROW_OPTIONAL))
        groups.append(Group(group_id, fields.text(item, "title", what), rows, item.line))
    return Comparison(path, tuple(groups))
