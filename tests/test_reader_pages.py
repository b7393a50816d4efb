"""Reader pages carry no maintainer notes: a make target on a page under docs/ fails ``check``.

The planted notes are the ones that once reached readers: the visualization
page's "run make tensorboard-screenshot" and a fenced reproduce block.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.errors import SiteErrors
from sidebyside.site import reader_pages


def scratch_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets", "notebooks"))
    return docs


def test_real_pages_name_no_make_target() -> None:
    assert reader_pages.check(ROOT / "docs") == "reader pages name no make target"


def test_a_planted_make_target_names_page_and_line(tmp_path: Path) -> None:
    docs = scratch_docs(tmp_path)
    page = docs / "topics" / "visualization.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", "To regenerate it, run `make tensorboard-screenshot`.", "", "```bash", "make bench", "```"]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SiteErrors) as caught:
        reader_pages.check(docs)
    fix = "describe the method in words (a collapsed '??? note \"Method\"' block if it is long) and put the command in CONTRIBUTING.md"
    assert caught.value.message.splitlines() == [
        f"{page}:{len(lines) - 4}: a reader page tells the reader to run 'make tensorboard-screenshot'; {fix}",
        f"{page}:{len(lines) - 1}: a reader page tells the reader to run 'make bench'; {fix}",
    ]


def test_prose_that_merely_says_make_passes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text("# P\n\nTo make two frameworks agree,\nmake the order explicit.\n", encoding="utf-8")
    (docs / "contributing.md").write_text("Run `make pr WHAT=topic`.\n", encoding="utf-8")
    assert reader_pages.make_targets(docs) == []
