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
from sidebyside.data.yamlsrc import LocatedDict, LocatedList, load_yaml, require_keys
from sidebyside.errors import SiteError
from sidebyside.pairs.catalog import NAME_RE
from sidebyside.site.weblinks import check_source, check_target

COMPARISON = ROOT / "data" / "comparison.yml"

VERDICTS: dict[str, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch", "tie": "Tie", "depends": "Depends"}
"""Allowed verdict values -> label shown to readers."""

ROW_REQUIRED = {"id", "criterion", "tensorflow", "pytorch", "verdict", "why", "evidence"}
ROW_OPTIONAL = {"source", "as_of"}
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
    evidence: str
    evidence_line: int
    source: str | None
    as_of: date | None
    line: int


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


def _text(path: Path, item: LocatedDict, key: str, what: str) -> str:
    value = item[key]
    if not isinstance(value, str) and value is not None:
        raise SiteError(path, item.line_of(key), f"{what} '{key}' is not text (YAML read {value!r})", "put the text in quotes")
    if not isinstance(value, str) or not value.strip():
        raise SiteError(path, item.line_of(key), f"{what} '{key}' must be non-empty text", f"write a short sentence after '{key}:'")
    return " ".join(value.split())


def _slug(path: Path, item: LocatedDict, what: str, seen: dict[str, int]) -> str:
    value = item.get("id")
    if not isinstance(value, str) or not NAME_RE.match(value):
        raise SiteError(path, item.line_of("id"), f"{what} id '{value}' is not lowercase-hyphen", "use e.g. 'default-execution'")
    if value in seen:
        problem = f"{what} id '{value}' is used twice (first on line {seen[value]})"
        raise SiteError(path, item.line_of("id"), problem, "give each one a unique id")
    seen[value] = item.line_of("id")
    return value


def _row(path: Path, item: object, group: str, seen: dict[str, int], line: int) -> Row:
    if not isinstance(item, LocatedDict):
        raise SiteError(path, line, f"a row of group '{group}' is not a mapping", "write each row as 'id:', 'criterion:', ... keys")
    row_id = item.get("id")
    what = f"row '{row_id}'" if isinstance(row_id, str) else "row"
    require_keys(path, item, ROW_REQUIRED, ROW_OPTIONAL, what)
    row_id = _slug(path, item, "row", seen)
    verdict = item["verdict"]
    if verdict not in VERDICTS:
        allowed = ", ".join(VERDICTS)
        raise SiteError(path, item.line_of("verdict"), f"{what} has unknown verdict '{verdict}'", f"use one of: {allowed}")
    evidence = check_target(path, item.line_of("evidence"), item["evidence"], f"{what} evidence")
    source, as_of = check_source(path, item, what)
    return Row(
        id=row_id,
        group=group,
        criterion=_text(path, item, "criterion", what),
        tensorflow=_text(path, item, "tensorflow", what),
        pytorch=_text(path, item, "pytorch", what),
        verdict=verdict,
        why=_text(path, item, "why", what),
        evidence=evidence,
        evidence_line=item.line_of("evidence"),
        source=source,
        as_of=as_of,
        line=item.line,
    )


def load_comparison(path: Path = COMPARISON) -> Comparison:
    """Parse and validate the comparison file; raise SiteError on the first mistake."""
    data = load_yaml(path)
    if not isinstance(data, LocatedDict):
        raise SiteError(path, 1, "the file must be a mapping with a 'groups:' list", "start the file with 'groups:'")
    require_keys(path, data, {"groups"}, set(), "comparison.yml")
    groups_data = data["groups"]
    if not isinstance(groups_data, LocatedList) or not groups_data:
        raise SiteError(path, data.line_of("groups"), "'groups' must be a non-empty list", "add groups as '- id: ...' items")
    group_ids: dict[str, int] = {}
    row_ids: dict[str, int] = {}
    groups = []
    for item in groups_data:
        if not isinstance(item, LocatedDict):
            raise SiteError(path, groups_data.line, "a group is not a mapping", "write each group as 'id:', 'title:', 'rows:'")
        group_id = item.get("id")
        require_keys(path, item, GROUP_KEYS, set(), f"group '{group_id}'")
        group_id = _slug(path, item, "group", group_ids)
        rows_data = item["rows"]
        if not isinstance(rows_data, LocatedList) or not rows_data:
            raise SiteError(path, item.line_of("rows"), f"group '{group_id}' has no rows", "add rows or delete the group")
        rows = tuple(_row(path, row, group_id, row_ids, rows_data.line) for row in rows_data)
        groups.append(Group(group_id, _text(path, item, "title", f"group '{group_id}'"), rows, item.line))
    return Comparison(path, tuple(groups))
