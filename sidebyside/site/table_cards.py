"""MkDocs hook: every table can be read as cards on a phone.

At 390 px most tables are wider than the screen, and a
table that scrolls sideways hides the column a reader came for (the fix
beside the outdated claim, the PyTorch column of a support grid). So each
body cell is labelled with its column's header (``data-label``) and the table
is marked ``data-sbs-cards``; phone.css then lays each row out as a card: the
first cell as its title, every other cell under its label. Wider screens
keep the ordinary table. Labels are attributes, so the search index (which
reads text only) does not grow.

Tables that label their own cells (the comparison table) are left alone.
"""

from __future__ import annotations

import html
import re
from typing import Any

_TABLE_RE = re.compile(r"<table(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
_THEAD_RE = re.compile(r"<thead>(.*?)</thead>", re.S)
_TBODY_RE = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_HEAD_CELL_RE = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW_RE = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL_OPEN_RE = re.compile(r"<(td|th)\b(?![^>]*\bdata-label=)")
_TAG_RE = re.compile(r"<[^>]+>")
MIN_COLUMNS = 2
"""Even two columns overflow a phone when a cell holds a long code name: every real table becomes cards."""


def _label(cell_html: str) -> str:
    """Header text fit for an attribute: tags dropped, whitespace collapsed, escaped."""
    return html.escape(" ".join(html.unescape(_TAG_RE.sub("", cell_html)).split()), quote=True)


def _label_row(row: str, labels: list[str]) -> str:
    column = iter(labels)

    def add(match: re.Match[str]) -> str:
        label = next(column, "")
        return f'{match.group(0)} data-label="{label}"' if label else match.group(0)

    return _CELL_OPEN_RE.sub(add, row)


def _cards(match: re.Match[str]) -> str:
    attrs, body = match.group("attrs"), match.group("body")
    head = _THEAD_RE.search(body)
    if "data-sbs-cards" in attrs or "data-label=" in body or not head:
        return match.group(0)
    labels = [_label(cell) for cell in _HEAD_CELL_RE.findall(head.group(1))]
    if len(labels) < MIN_COLUMNS:
        return match.group(0)
    body = _TBODY_RE.sub(lambda rows: "<tbody>" + _ROW_RE.sub(lambda row: _label_row(row.group(0), labels), rows.group(1))
                         + "</tbody>", body)
    return f"<table{attrs} data-sbs-cards>{body}</table>"


def label_tables(content: str) -> str:
    """The page's HTML with every table of ``MIN_COLUMNS`` or more columns labelled for cards."""
    return _TABLE_RE.sub(_cards, content)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return label_tables(html)


__all__ = ["MIN_COLUMNS", "label_tables", "on_page_content"]
