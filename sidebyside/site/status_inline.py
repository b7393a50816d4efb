"""Expand ``@status(<id>)`` markers: a subject's status, rendered from ``data/status.yml``.

The marker sits inside a sentence or a table cell, so it expands to inline
HTML (bold status, ``<code>`` spans), which reads the same in Markdown and
in the raw HTML cells of generated tables. Markers in fenced code are left
alone (a page may show the syntax).
"""

from __future__ import annotations

import re
from pathlib import Path

from sidebyside.data.status import Subject, load_status
from sidebyside.data.status_text import MARKER_RE
from sidebyside.errors import SiteError
from sidebyside.mdtext import outside_fences
from sidebyside.site.weblinks import text


def status_html(subject: Subject) -> str:
    """'<strong>Fails</strong> on ...; <strong>works</strong> on ...': every status with its condition."""
    parts = [f"<strong>{s.status.capitalize() if i == 0 else s.status}</strong> {text(s.when)}" for i, s in enumerate(subject.statuses)]
    return "; ".join(parts)


def expand_status(markdown: str, page: Path, line_offset: int = 0, subjects: list[Subject] | None = None) -> str:
    """Replace every marker outside fences; an unknown id stops with the page's file:line."""
    if "@status(" not in markdown:
        return markdown
    known = {s.id: s for s in (subjects if subjects is not None else load_status())}
    lines = markdown.splitlines()
    for number, line in outside_fences(markdown):
        def render(match: re.Match[str], number: int = number) -> str:
            subject = known.get(match["id"])
            if subject is None:
                raise SiteError(page, number + line_offset, f"unknown status subject '{match['id']}'",
                                f"use an id of data/status.yml: {', '.join(sorted(known))}")
            return status_html(subject)

        lines[number - 1] = MARKER_RE.sub(render, line)
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")
