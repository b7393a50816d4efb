"""A replacement's "shown working" link leads to a section that holds what the entry says it shows.

``data/replacements.yml`` names, per entry, literal text (``shown_by.shows``)
that the linked section, the code of a pair it shows, or the record behind a
generated anchor must hold (``sidebyside.site.shown_by``). Planted: the link
pointed at an unrelated section, and at an anchor that does not exist.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.data.replacements import REPLACEMENTS
from sidebyside.errors import SiteError
from sidebyside.site import shown_by
from tests.planting import line_of, planted_copy

SERVING = 'text: "Serving options'


def test_every_link_leads_to_what_it_names() -> None:
    errors, count = shown_by.errors_in()
    assert errors == [] and count >= 10


def scratch(tmp_path: Path, old: str, new: str) -> Path:
    return planted_copy(REPLACEMENTS, tmp_path, old, new)


def test_lie_the_torchserve_link_pointed_at_an_unrelated_section(tmp_path: Path) -> None:
    path = scratch(tmp_path, "      link: topics/deployment.md#serving\n", "      link: topics/visualization.md#both-runs\n")
    (error,), _ = shown_by.errors_in(path)
    line = line_of(path, SERVING)
    assert error.message == (
        f"{path}:{line}: replacement 'torchserve': shown_by link topics/visualization.md#both-runs "
        "does not show 'torch.export' (neither in that section, nor in the code of a pair it shows); "
        "link the section that runs the replacement, or say in 'shows:' what that section holds")


def test_lie_a_generated_anchor_of_another_row(tmp_path: Path) -> None:
    path = scratch(tmp_path, "link: reference/api-dictionary.md#qr-r\n", "link: reference/api-dictionary.md#permute\n")
    (error,), _ = shown_by.errors_in(path)
    with pytest.raises(SiteError, match=r"replacement 'torch-qr-cholesky': shown_by link reference/api-dictionary\.md#permute "
                                        r"does not show 'torch\.linalg\.qr'"):
        raise error


def test_check_runs_it(tmp_path: Path) -> None:
    """``check`` reads the tree it is given: a copy whose torchserve link moved fails there."""
    root = tmp_path / "tree"
    for part in ("docs", "data", "snippets"):
        shutil.copytree(ROOT / part, root / part)
    scratch(tmp_path, "      link: topics/deployment.md#serving\n", "      link: topics/visualization.md#both-runs\n").replace(
        root / "data" / "replacements.yml")
    with pytest.raises(SiteError, match="replacement 'torchserve': shown_by link"):
        shown_by.check(root)
