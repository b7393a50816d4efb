"""Reader pages tell readers what was done, not which maintainer command to run.

A page under ``docs/`` that says "run ``make tensorboard-screenshot``" is a
note to whoever maintains the site, shown to everyone else. Commands that
regenerate evidence belong in CONTRIBUTING.md (which ``docs/contributing.md``
includes); a page describes the method in words, in a collapsed "Method"
block when it is long. ``check`` runs this on every page but the contributor
guide.
"""

from __future__ import annotations

import re
from pathlib import Path

from sidebyside.errors import SiteError, SiteErrors, read_text
from sidebyside.mdtext import FENCE_RE, outside_fences

CONTRIBUTOR_PAGES = {"contributing.md"}
"""Pages for contributors, which may name make targets."""
PROSE_RE = re.compile(r"`make [a-z][\w-]*[^`]*`|\brun make [a-z][\w-]*")
"""In prose: a make target in a code span, or after 'run'."""
FENCED_RE = re.compile(r"^\s*(?:\$\s*)?make [a-z][\w-]*")
"""In fenced code: a line that runs a make target."""


def make_targets(docs: Path) -> list[SiteError]:
    """Every line of a reader page that names a make target for the reader to run."""
    found = []
    for page in sorted(docs.rglob("*.md")):
        if page.relative_to(docs).as_posix() in CONTRIBUTOR_PAGES:
            continue
        text = read_text(page)
        prose = dict(outside_fences(text))
        for number, line in enumerate(text.splitlines(), start=1):
            if number in prose:
                match = PROSE_RE.search(line)
            else:
                match = None if FENCE_RE.match(line) else FENCED_RE.match(line)
            if match:
                found.append(SiteError(page, number, f"a reader page tells the reader to run {match.group().strip().strip('`')!r}",
                                       "describe the method in words (a collapsed '??? note \"Method\"' block if it is long) "
                                       "and put the command in CONTRIBUTING.md"))
    return found


def check(docs: Path) -> str:
    """What ``python -m sidebyside check`` runs."""
    problems = make_targets(docs)
    if problems:
        raise SiteErrors(problems)
    return "reader pages name no make target"
