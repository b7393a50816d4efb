"""A replacement's "shown working" link must lead to a place that shows that replacement.

``data/replacements.yml`` sends readers of a retired piece to the section of
this site that runs its replacement (``shown_by.link``). A link moved to an
unrelated section would still resolve, so each entry also names what that
section must hold (``shown_by.shows``, literal text such as ``torch.export``),
and this check looks for it where the reader lands:

- a section written in Markdown (a heading with ``{ #anchor }``, up to the
  next heading of the same or a higher level): its text and the code of
  every pair it shows (``@pair``);
- an anchor a renderer makes: the data record it is drawn from (a row of
  ``data/rosetta.yml`` or ``data/claims.yml`` with that id, or a release
  of ``data/releases/<package>.yml`` for ``<package>-<version>``).

Run by ``python -m sidebyside check``; each miss is one ``file:line`` error.
"""

from __future__ import annotations

import re
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.replacements import REPLACEMENTS, load_replacements
from sidebyside.errors import SiteError, raise_all, read_text
from sidebyside.site.figure_quotes import FRAMEWORKS, PAIR_RE

HEADING_RE = re.compile(r"^(?P<level>#{1,6})\s.*\{\s*#(?P<anchor>[\w-]+)")
RECORD_FILES = ("rosetta.yml", "claims.yml")


def _markdown_section(text: str, anchor: str, root: Path) -> str | None:
    """The section under the heading with ``{ #anchor }``, with the code of the pairs it shows."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        match = HEADING_RE.match(line)
        if match and match["anchor"] == anchor:
            level = len(match["level"])
            end = next((n for n in range(number + 1, len(lines))
                        if (m := re.match(r"^(#{1,6})\s", lines[n])) and len(m.group(1)) <= level), len(lines))
            block = lines[number:end]
            pairs = [m["id"] for row in block if (m := PAIR_RE.match(row))]
            code = [read_text(path) for pair in pairs for fw in FRAMEWORKS
                    if (path := root / "snippets" / f"{pair}.{fw}.py").is_file()]
            return "\n".join(block + code)
    return None


def _yaml_block(text: str, start: int) -> str:
    """The list item of a YAML file starting at line index ``start``, up to the next item at its indent."""
    lines = text.splitlines()
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = next((n for n in range(start + 1, len(lines))
                if lines[n].strip() and len(lines[n]) - len(lines[n].lstrip()) <= indent), len(lines))
    return "\n".join(lines[start:end])


def _generated_record(anchor: str, root: Path) -> str | None:
    """The data behind an anchor a renderer makes: a record with that id, or a ledger release."""
    for name in RECORD_FILES:
        text = read_text(root / "data" / name)
        lines = text.splitlines()
        for number, line in enumerate(lines):
            if line.strip() == f"- id: {anchor}":
                return _yaml_block(text, number)
    for ledger in sorted((root / "data" / "releases").glob("*.yml")):
        prefix = f"{ledger.stem}-"
        if anchor.startswith(prefix):
            version = anchor[len(prefix):].replace("-", ".")
            text = read_text(ledger)
            for number, line in enumerate(text.splitlines()):
                if line.strip() == f'- version: "{version}"':
                    return _yaml_block(text, number)
    return None


def target_text(link: str, root: Path = ROOT) -> str | None:
    """What a reader following ``link`` (docs-relative, ``page.md#anchor``) lands on, or None if it is not found."""
    page, _, anchor = link.partition("#")
    path = root / "docs" / page
    if not path.is_file():
        return None
    text = read_text(path)
    if not anchor:
        return text
    return _markdown_section(text, anchor, root) or _generated_record(anchor, root)


def errors_in(path: Path = REPLACEMENTS, root: Path = ROOT) -> tuple[list[SiteError], int]:
    errors = []
    entries = load_replacements(path)
    for entry in entries:
        landed = target_text(entry.shown_link, root)
        if landed is None:
            problem = f"replacement '{entry.id}': shown_by link {entry.shown_link} leads to no section or record"
        elif entry.shown_shows not in landed:
            problem = (f"replacement '{entry.id}': shown_by link {entry.shown_link} does not show "
                       f"'{entry.shown_shows}' (neither in that section, nor in the code of a pair it shows)")
        else:
            continue
        errors.append(SiteError(path, entry.shown_line, problem,
                                "link the section that runs the replacement, or say in 'shows:' what that section holds"))
    return errors, len(entries)


def check(root: Path = ROOT) -> str:
    """For ``check``: raise every problem at once, or count the links checked."""
    errors, count = errors_in(root / "data" / "replacements.yml", root)
    raise_all(errors)
    return f"replacements: {count} 'shown working' links lead to what they name"
