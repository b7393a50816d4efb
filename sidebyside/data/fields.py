"""The field rules every data loader shares: one function per kind of value.

Each takes a parsed node (a ``LocatedDict``, which knows its file and the
line of every key), the key to read and ``what`` (how messages name the
record, e.g. ``row 'eager'``). It returns the clean value or raises one
``SiteError`` at that key's line. A rule written once reads the same in every
file: ``as_of`` means the same thing in claims, community and comparison.

Links into the site are only *recorded* here (``PageLink``, ``PairRef``):
whether the page, anchor or pair exists is a question for the site layer
(the build) and ``python -m sidebyside check``, which know the pages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterator
from dataclasses import fields as dataclass_fields
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

from sidebyside.data.yamlsrc import LocatedDict, LocatedList, load_yaml
from sidebyside.errors import SiteError

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Ids are page anchors and file names: lowercase words joined by hyphens."""

PAGE_LINK_RE = re.compile(r"^(?:[a-z0-9_-]+/)*[a-z0-9_-]+\.md(?:#[A-Za-z0-9_-]+)?$")
"""A docs-relative page with an optional anchor: ``topics/deployment.md#litert``."""

URL_RE = re.compile(r"^\s*https://[^\s/]+\.\S+\s*$")
"""An https address with a dotted host: the source a reader can open."""

PAIR_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")

_MISSING: Any = object()


class _Located(str):
    """A string read from a data file that remembers the file and line it was written on."""

    origin: Path
    line: int

    def __new__(cls, value: str, origin: Path, line: int) -> _Located:
        located = super().__new__(cls, value)
        located.origin, located.line = origin, line
        return located


class PageLink(_Located):
    """A docs-relative link (``topics/x.md#anchor``) read from a data file."""


class PairRef(_Located):
    """A ``topic/pair`` reference read from a data file."""


def document(path: Path, required: Collection[str], optional: Collection[str] = ()) -> LocatedDict:
    """Load a data file whose top level is a mapping with these keys."""
    data = load_yaml(path)
    if not isinstance(data, LocatedDict):
        names = ", ".join(f"'{key}:'" for key in sorted(required))
        raise SiteError(path, getattr(data, "line", 1), f"the file must be a mapping with {names}", f"see the header comment of {path.name}")
    keys(data, required, optional, path.name)
    return data


def records(node: LocatedDict, key: str, owner: str, kind: str,
            required: Collection[str], optional: Collection[str] = ()) -> Iterator[tuple[LocatedDict, str]]:
    """The non-empty list ``node[key]`` of mappings, each checked for its keys.

    Yields each record with how messages name it: ``row 'eager'`` when it has
    an ``id``, else just ``row``.
    """
    fields_hint = ", ".join(sorted(required))
    listed = items(node, key, owner, f"add at least one {kind} ({fields_hint})")
    for raw in listed:
        record = mapping(raw, listed, None, f"a {kind}", f"write each {kind} as a mapping with {fields_hint}")
        ident = record.get("id")
        what = f"{kind} '{ident}'" if isinstance(ident, str) else kind
        keys(record, required, optional, what)
        yield record, what


def keys(node: LocatedDict, required: Collection[str], optional: Collection[str], what: str) -> None:
    """Reject unknown keys, then missing ones, naming the line."""
    allowed = set(required) | set(optional)
    unknown = sorted(set(node) - allowed)
    if unknown:
        raise node.error(unknown[0], f"{what} has unknown key '{unknown[0]}'", f"allowed keys: {', '.join(sorted(allowed))}")
    missing = sorted(set(required) - set(node))
    if missing:
        raise node.error(None, f"{what} is missing '{missing[0]}'", f"add '{missing[0]}:'")


def mapping(value: object, parent: LocatedDict | LocatedList, key: str | None, what: str, fix: str) -> LocatedDict:
    """``value`` (found under ``parent``) must be a mapping."""
    if isinstance(value, LocatedDict):
        return value
    raise _error(parent, key, f"{what} is not a mapping", fix)


def items(node: LocatedDict, key: str, what: str, fix: str) -> LocatedList:
    """``node[key]`` must be a non-empty list."""
    value = node.get(key)
    if isinstance(value, LocatedList) and value:
        return value
    raise node.error(key, f"{what} has no {key}", fix)


def names(node: LocatedDict, key: str, what: str, fix: str) -> tuple[str, ...]:
    """``node[key]`` must be a non-empty list of non-empty names; returns them stripped (aliases, spellings)."""
    value = node.get(key)
    if not isinstance(value, LocatedList) or not value or not all(isinstance(a, str) and a.strip() for a in value):
        raise node.error(key, f"{what}: '{key}' must be a non-empty list of names", fix)
    return tuple(a.strip() for a in value)


def strings(node: LocatedDict, key: str, problem: str, fix: str, nonblank: bool = False) -> tuple[str, ...]:
    """Optional ``node[key]``: a list of strings (``nonblank``: none of them blank), empty when absent."""
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and (not nonblank or v.strip()) for v in value):
        raise node.error(key, problem, fix)
    return tuple(value)


def text(node: LocatedDict, key: str, what: str, default: Any = _MISSING, fold: bool = True) -> str:
    """Non-empty text, whitespace folded to single spaces (``fold=False`` keeps code's lines, stripped)."""
    if key not in node and default is not _MISSING:
        return default
    value = node.get(key)
    if value is not None and not isinstance(value, str):
        raise node.error(key, f"{what} '{key}' is not text (YAML read {value!r})", "put the text in quotes")
    if not value or not value.strip():
        raise node.error(key, f"{what} '{key}' must be non-empty text", f"write a short sentence after '{key}:'")
    return " ".join(value.split()) if fold else value.strip()


def unique(node: LocatedDict, key: str, value: str, seen: dict[str, int], what: str) -> str:
    """``value`` must not be in ``seen`` (value -> first line); records it."""
    if value in seen:
        raise node.error(key, f"{what} id '{value}' is used twice (first on line {seen[value]})", "ids are page anchors; give each one a unique id")
    seen[value] = node.line_of(key)
    return value


def slug(node: LocatedDict, key: str, what: str, seen: dict[str, int] | None = None) -> str:
    """A lowercase-hyphen id; unique within ``seen`` when given."""
    value = node.get(key)
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise node.error(key, f"{what} id {value!r} is not lowercase-hyphen", "use e.g. 'default-execution'")
    return unique(node, key, value, seen, what) if seen is not None else value


def one_of(node: LocatedDict, key: str, choices: Collection[str], what: str, default: Any = _MISSING) -> str:
    """One of a fixed set of words (YAML's bare true/false are read back as words)."""
    if key not in node and default is not _MISSING:
        return default
    value = node.get(key)
    if isinstance(value, bool):
        value = "true" if value else "false"
    if value not in choices:
        raise node.error(key, f"{what} has unknown {key} {value!r}", f"use one of: {', '.join(choices)}")
    return value


def _matching(node: LocatedDict, key: str, pattern: re.Pattern[str], problem: str, fix: str) -> str:
    """``node[key]`` as text matching ``pattern``; ``problem`` is formatted with the value's repr."""
    value = node.get(key)
    if not isinstance(value, str) or not pattern.match(value):
        raise node.error(key, problem.format(value=repr(value)), fix)
    return value


def page_link(node: LocatedDict, key: str, what: str) -> PageLink:
    """A docs-relative page link; whether it resolves is checked by the site layer and ``check``."""
    value = _matching(node, key, PAGE_LINK_RE, f"{what} {key} {{value}} is not a docs-relative page link", "write it like 'topics/deployment.md#litert'")
    return PageLink(value, node.path, node.line_of(key))


def pair_ref(node: LocatedDict, key: str, what: str) -> PairRef:
    """A ``topic/pair`` reference; whether the pair exists is checked by the site layer and ``check``."""
    value = _matching(node, key, PAIR_RE, f"{what} pair {{value}} is not 'topic/pair'", "e.g. pair: execution-model/eager-by-default")
    return PairRef(value, node.path, node.line_of(key))


def url(node: LocatedDict, key: str, what: str) -> str:
    """An https address of an outside source."""
    value = _matching(node, key, URL_RE, f"{what} {key} {{value}} is not an https URL", "link the https address of the page you read")
    return value.strip()


def as_of(node: LocatedDict, key: str, what: str, today: datetime.date | None = None) -> datetime.date:
    """The day a source was read: an unquoted YAML date, a real day, not in the future."""
    value = node.get(key)
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        fix = "write the day you read the source, unquoted, e.g. as_of: 2026-11-26"
        raise node.error(key, f"{what} {key} must be a date YYYY-MM-DD, got {value!r}", fix)
    if value > (today or datetime.date.today()):
        raise node.error(key, f"{what} {key} {value} is in the future", "use the day you read the source")
    return value


def source(node: LocatedDict, what: str, today: datetime.date | None = None) -> tuple[str | None, datetime.date | None]:
    """Optional ``source`` (https) and ``as_of``: a sourced fact needs both or neither."""
    has_source, has_date = "source" in node, "as_of" in node
    if not has_source and not has_date:
        return None, None
    if has_source != has_date:
        missing = "as_of" if has_source else "source"
        raise node.error(None, f"{what} has only one of 'source' and 'as_of'", f"add '{missing}:'; a sourced fact needs both")
    return url(node, "source", what), as_of(node, "as_of", what, today)


def references(value: object) -> Iterator[PageLink | PairRef]:
    """Every page link and pair reference inside a loaded object (dataclasses, lists, dicts)."""
    if isinstance(value, PageLink | PairRef):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for field in dataclass_fields(value):
            yield from references(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from references(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from references(item)


def _error(parent: LocatedDict | LocatedList, key: str | None, problem: str, fix: str) -> SiteError:
    if isinstance(parent, LocatedDict):
        return parent.error(key, problem, fix)
    return parent.error(problem, fix)
