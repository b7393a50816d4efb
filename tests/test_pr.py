"""``make pr`` runs exactly the tests a branch's changes need (``sidebyside.tools.pr``)."""

from __future__ import annotations

import re

from sidebyside import ROOT
from sidebyside.data.rosetta import all_rows, load_rosetta
from sidebyside.tools.pr import plan, rows_at


def test_each_kind_of_change_maps_to_its_tests() -> None:
    steps = plan([
        "snippets/autodiff-and-training/custom-gradient.pytorch.py",
        "snippets/autodiff-and-training/custom-gradient.tensorflow.out",
        "snippets/debugging/nan-check.pytorch.py",
        "notebooks/digits.py",
        "data/comparison.yml",
        "data/rosetta.yml",
        "sidebyside/pairs/forkserver.py",
        "CONTRIBUTING.md",
    ], rows=["one-hot"])
    assert steps.pytest == [
        ["tests/test_notebooks.py", "-k", "digits"],
        ["tests/test_snippets.py", "tests/test_parity.py", "-k", "autodiff-and-training/custom-gradient or debugging/nan-check"],
        ["tests/test_rosetta.py", "-k", "one-hot"],
        ["tests/test_comparison.py", "tests/test_forkserver.py", "tests/test_rosetta_data.py", "tests/test_rosetta_lies.py"],
    ]
    assert steps.build and steps.unmapped == []


def test_code_only_changes_skip_the_build_and_unknown_files_are_named() -> None:
    steps = plan(["sidebyside/pairs/parity.py", "scripts/new_helper.sh"])
    assert steps.pytest == [["tests/test_parity.py"]]
    assert not steps.build
    assert steps.unmapped == ["scripts/new_helper.sh"]


def test_a_changed_line_selects_the_api_row_that_holds_it() -> None:
    rows = sorted(all_rows(load_rosetta()), key=lambda row: row.line)
    first, second = rows[0], rows[1]
    assert rows_at({first.line, second.line - 1}) == [first.id]
    assert rows_at({second.line + 1}) == [second.id]
    text = (ROOT / "data/rosetta.yml").read_text(encoding="utf-8").splitlines()
    assert re.search(rf"\b{re.escape(second.id)}\b", text[second.line - 1])
