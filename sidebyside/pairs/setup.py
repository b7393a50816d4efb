"""Setup regions: the part of a script the page folds so the lesson shows first.

A complete script needs imports, seeds, data and sometimes a model that is
not what the pair is about (the same tiny GPT in several scripts, weights
copied only so both frameworks print the same numbers). A contributor marks
such lines with two comment lines, each alone on its line:

    # --- setup: the tokenizer, the config and the tiny GPT ---
    ...
    # --- end setup ---

The label after ``setup:`` is optional and becomes the fold's summary. The
page shows each region as a collapsed block in place (numbered as in the
file, so the numbers still match the download); the download and every run
use the file untouched. Markers are comments, so they never change what a
script prints, and its recording stays valid.

Anything that looks like a marker but is not exactly one of the two, a region
opened inside another, an end without a start, a start never closed, an
empty region or one that folds every line is a SiteError at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sidebyside.errors import SiteError

START = "# --- setup: <what it holds> ---"
END = "# --- end setup ---"
START_RE = re.compile(r"^# --- setup(?:: (?P<label>\S(?:.*\S)?))? ---$")
END_RE = re.compile(r"^# --- end setup ---$")
LOOKALIKE_RE = re.compile(r"^#.*-{2,}.*\bsetup\b|^#\s*(?:end\s+)?setup\s*-{2,}", re.IGNORECASE)
"""A comment with dashes around the word setup: meant as a marker, so it must be exact."""


@dataclass(frozen=True)
class Region:
    """Lines ``start``..``end`` (1-based, inclusive, both markers included) folded under ``label``."""

    start: int
    end: int
    label: str


def regions(path: Path, lines: list[str], body_start: int) -> tuple[Region, ...]:
    """The setup regions of a script's body (``lines`` from ``body_start`` on); bad markers raise SiteError."""
    found: list[Region] = []
    opened: tuple[int, str] | None = None
    for number in range(body_start, len(lines) + 1):
        text = lines[number - 1].strip()
        start, end = START_RE.match(text), END_RE.match(text)
        if start:
            if opened:
                raise SiteError(path, number, f"setup region opened inside the one opened on line {opened[0]}",
                                f"close that one first with '{END}'")
            opened = (number, start["label"] or "")
        elif end:
            if not opened:
                raise SiteError(path, number, f"'{END}' without a '{START}' before it",
                                "add the start marker above the first folded line, or delete this line")
            if not any(line.strip() for line in lines[opened[0] : number - 1]):
                raise SiteError(path, opened[0], "setup region holds no code", "delete both markers")
            found.append(Region(opened[0], number, opened[1]))
            opened = None
        elif LOOKALIKE_RE.search(text):
            raise SiteError(path, number, f"malformed setup marker '{text}'",
                            f"write '{START}' (the label is optional) or '{END}', alone on the line")
    if opened:
        raise SiteError(path, opened[0], "setup region is never closed", f"add '{END}' after its last line")
    folded = {n for region in found for n in range(region.start, region.end + 1)}
    if found and all(n in folded or not lines[n - 1].strip() for n in range(body_start, len(lines) + 1)):
        raise SiteError(path, found[0].start, "every line is folded as setup, so the page would show no lesson",
                        "leave the lines that teach outside the setup markers")
    return tuple(found)


@dataclass(frozen=True)
class Segment:
    """Consecutive shown lines ``first``..``last`` (1-based, inclusive): lesson, or one folded region."""

    first: int
    last: int
    setup: Region | None = None


def segments(lines: list[str], first: int, last: int, folded: tuple[Region, ...]) -> list[Segment]:
    """Split lines ``first``..``last`` into lesson and setup segments, in file order.

    Blank lines at the edges of a lesson segment are left out (they would
    open or close a code block with empty lines); the download keeps them.
    """
    out: list[Segment] = []
    cursor = first
    for region in (*folded, None):
        stop = region.start - 1 if region else last
        lo, hi = cursor, stop
        while lo <= hi and not lines[lo - 1].strip():
            lo += 1
        while hi >= lo and not lines[hi - 1].strip():
            hi -= 1
        if lo <= hi:
            out.append(Segment(lo, hi))
        if region:
            out.append(Segment(region.start, region.end, region))
            cursor = region.end + 1
    return out


def lesson_position(lines: list[str], first: int, last: int, folded: tuple[Region, ...]) -> tuple[int, int]:
    """Lines a reader sees above the first lesson line: (with nothing folded, with the regions folded).

    The first lesson line is the first non-blank line outside every region;
    before the folds, the lines above it were shown (the markers are new, so
    they are not counted); with them, each folded region above it costs one
    line, its summary.
    """
    parts = segments(lines, first, last, folded)
    lesson = next((s for s in parts if s.setup is None), None)
    if lesson is None:
        return 0, 0
    above = [s for s in parts if s.setup is not None and s.last < lesson.first]
    return lesson.first - first - 2 * len(above), len(above)


def summary(halves: list[tuple[list[str], int, int, tuple[Region, ...]]]) -> str:
    """For ``check``: how many halves fold setup, and how far down their first lesson line sat before and sits now.

    Each item is one half's (lines, first shown line, last shown line, regions).
    """
    moved = [lesson_position(*half) for half in halves if half[3]]
    if not moved:
        return "no script folds setup"
    before, after = sum(b for b, _ in moved), sum(a for _, a in moved)
    folded = sum(region.end - region.start - 1 for half in halves for region in half[3])
    return (f"{len(moved)} of {len(halves)} scripts fold {folded} lines of setup (their first lesson line "
            f"comes after {before} shown lines in all, {after} with the folds)")
