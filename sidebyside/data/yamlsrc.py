"""Load YAML data files while remembering the line of every mapping and key.

Data files (``data/*.yml``) are the single source of truth for generated
pages. Validation errors must point at the line to edit, so loading keeps
PyYAML's node marks instead of throwing them away.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sidebyside.errors import SiteError, read_text


class LocatedDict(dict):
    """A mapping that knows its file, its own line and the line of each key (1-based).

    Knowing the file lets every validation error be one call:
    ``raise node.error(key, problem, fix)``.
    """

    path: Path
    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of ``key`` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)

    def error(self, key: str | None, problem: str, fix: str) -> SiteError:
        """A SiteError at ``key``'s line (the mapping's line when ``key`` is None)."""
        return SiteError(self.path, self.line if key is None else self.line_of(key), problem, fix)


class LocatedList(list):
    """A sequence that knows its file and its own line (1-based)."""

    path: Path
    line: int

    def error(self, problem: str, fix: str) -> SiteError:
        return SiteError(self.path, self.line, problem, fix)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml parses several times faster
    """SafeLoader that builds Located containers and rejects duplicate keys."""

    path: Path


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.path = loader.path
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
    result.path = loader.path
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
        text = read_text(path)
    except FileNotFoundError:
        raise SiteError(path, None, "file not found", "create it or fix the path") from None
    loader = _Loader(text)
    loader.path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = f"invalid YAML: {exc.problem or exc.context}"
        raise SiteError(path, line, problem, "fix the YAML syntax at that line") from None
    finally:
        loader.dispose()

