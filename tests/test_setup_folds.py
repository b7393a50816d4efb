"""Folded setup hides lines on the page only: the download is still the whole script CI runs.

The folded rendering itself is a golden case (``tests/golden/folded.md``);
malformed markers are rows of ``tests/test_bad_input.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.pairs.catalog import Half, discover
from sidebyside.pairs.expand import shown_lines, shown_text
from sidebyside.pairs.setup import lesson_position, summary

GOLDEN = discover(Path(__file__).parent / "golden" / "snippets")
FOLDED = [half for pairs in (GOLDEN, discover()) for pair in pairs.values() for half in pair.halves.values() if half.setup]


def after_header(half: Half) -> bytes:
    """The script's bytes from its first line after the header to the end: what CI runs, less the header comments."""
    raw = half.path.read_bytes()
    return b"".join(raw.splitlines(keepends=True)[half.body_start - 1 :])


@pytest.mark.parametrize("half", FOLDED, ids=[f"{h.path.parent.name}/{h.path.name}" for h in FOLDED])
def test_the_download_of_a_folded_script_is_the_script_byte_for_byte(half: Half) -> None:
    download = shown_text(half).encode("utf-8")  # what on_post_build writes for the 'download script' link
    assert download == after_header(half), f"{half.path.name}: the download differs from the script after its header"
    source = half.path.read_text(encoding="utf-8").splitlines()
    shown = download.decode("utf-8").splitlines()
    for region in half.setup:  # every folded line, markers included, at its own line number
        folded = source[region.start - 1 : region.end]
        assert shown[region.start - half.body_start : region.end - half.body_start + 1] == folded


def test_folds_move_the_lesson_to_the_top() -> None:
    half = GOLDEN["fixture/folded"].halves["tensorflow"]
    lines = half.path.read_text(encoding="utf-8").splitlines()
    # Lines 3-6 and 8 of the file (imports, weights, a blank line) sat above the first lesson line; now one summary does.
    assert lesson_position(lines, *shown_lines(half), half.setup) == (5, 1)
    assert lesson_position(lines, *shown_lines(half), ()) == (0, 0)


def test_check_counts_the_folds() -> None:
    halves = [(h.path.read_text(encoding="utf-8").splitlines(), *shown_lines(h), h.setup)
              for h in GOLDEN["fixture/folded"].halves.values()]
    # TensorFlow folds 4 + 1 lines, PyTorch 4 + 2; in each, 5 lines sat above the first lesson line.
    assert summary(halves) == ("2 of 2 scripts fold 11 lines of setup (their first lesson line comes after "
                               "10 shown lines in all, 2 with the folds)")
    assert summary([(*half[:3], ()) for half in halves]) == "no script folds setup"
