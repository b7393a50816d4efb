"""Load YAML data files while remembering the line of every mapping and key.

Data files (``data/*.yml``) are the single source of truth for generated
pages. Validation errors must point at the line to edit, so loading keeps
PyYAML's node marks instead of throwing them away.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sidebyside.errors import SiteError


class LocatedDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of ``key`` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence that knows its own line (1-based)."""

    line: int


class _Loader(yaml.SafeLoader):
    """SafeLoader that builds Located containers and rejects duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    """Dates like 2026-13-01 match YAML's date pattern but are not dates: report the line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(None, None, f"invalid date {node.value!r} ({exc})", node.start_mark) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path) -> Any:
    """Parse ``path``; a syntax error becomes a SiteError with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteError(path, None, "file not found", "create it or fix the path") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = f"invalid YAML: {exc.problem or exc.context}"
        raise SiteError(path, line, problem, "fix the YAML syntax at that line") from None


def require_keys(
    path: Path, item: LocatedDict, required: set[str], optional: set[str], what: str
) -> None:
    """Reject unknown and missing keys of one record, naming the line."""
    unknown = sorted(set(item) - required - optional)
    if unknown:
        key = unknown[0]
        allowed = ", ".join(sorted(required | optional))
        raise SiteError(path, item.line_of(key), f"{what} has unknown key '{key}'", f"allowed keys: {allowed}")
    missing = sorted(required - set(item))
    if missing:
        raise SiteError(path, item.line, f"{what} is missing '{missing[0]}'", f"add '{missing[0]}:'")
