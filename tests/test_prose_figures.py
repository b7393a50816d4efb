"""Every figure in the prose of every page is checked against a recording or carries a dated source.

The rules are in ``sidebyside.site.figures`` and CONTRIBUTING.md ("Figures in
prose"). The lies below are planted in a scratch copy of the pages, the
recordings and the notebook sources; no framework is imported or run.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.site import figures
from tests.planting import line_of

SAMPLE = """---
description: Fifteen defaults, 12 of them measured.
---

# Heading with 3.5 and 42 { #h-42 }

Loss 0.13 versus 2.73, 33% slower, three times apart, 25x faster, 2,410 parameters, 1e-5 apart,
twice as fast, a 4-fold gap; but softmax twice, PyTorch 10% faster.
Not figures: 2026-11-28, 2019, TensorFlow 2.21.0, TensorBoard 2.3, since 2.6, 2.3+, PyTorch (2.0, 2023),
`eps=1e-8`, `momentum=0.99`, `(0, 3, 1, 2)`, `1e-7`, [link](https://x.org/a/12.5), issue #3821,
conv2d_17, float32, 8x8, seven, 9, ![img](a.png){ width="1200" }, <!-- figure: a/b.pytorch -->.
A result in a code span is still one: `0.99900001`.

```python
loss = 0.25 * 1000
```

@render comparison-table
"""

EXPECTED = ["12", "0.13", "2.73", "33%", "three times", "25x", "2,410", "1e-5", "twice", "4-fold", "10%", "0.99900001"]


def test_scanner_finds_measurements_and_skips_the_rest() -> None:
    found = [f.text for f in figures.find_figures(Path("sample.md"), SAMPLE)]
    assert found == EXPECTED


def test_every_figure_on_every_page_is_backed() -> None:
    problems, totals = figures.check_site()
    assert not problems, "\n".join(str(p) for p in problems)
    assert totals["figures"] == totals["checked"] + totals["sourced"]
    assert totals["checked"] > 0


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A scratch copy of what the check reads: pages, recordings, notebook sources and the benchmark code."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ipynb", "assets")
    for name in ("docs", "snippets", "notebooks", "sidebyside/tools/bench", "sidebyside/tools/conversions"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=ignore)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_in(tree: Path) -> list[str]:
    return [str(p) for p in figures.check_site(tree)[0]]


def test_scratch_copy_passes(tree: Path) -> None:
    assert problems_in(tree) == []


def test_lie_changed_figure_in_prose(tree: Path) -> None:
    page = tree / "docs/topics/layer-defaults.md"
    edit(page, "by 0.13 <!--", "by 0.15 <!--")
    [problem] = problems_in(tree)
    assert f"docs/topics/layer-defaults.md:{line_of(page, 'by 0.15')}: figure '0.15'" in problem
    assert "does not match its recording" in problem and "<!-- figure:" in problem


def test_lie_changed_number_in_recording(tree: Path) -> None:
    out = tree / "snippets/layer-defaults/adam-epsilon.pytorch.out"
    edit(out, "Keras default moves w by 0.12535358", "Keras default moves w by 0.14535358")
    [problem] = problems_in(tree)
    assert "figure '0.13'" in problem and "0.14535358" in problem


def test_lie_changed_ratio_behind_three_times(tree: Path) -> None:
    out = tree / "snippets/layer-defaults/batchnorm-epsilon.pytorch.out"
    edit(out, "y[0] = ['0.9534626'", "y[0] = ['1.9534626'")
    [problem] = problems_in(tree)
    assert "figure 'three times'" in problem and "= 6.47" in problem


def test_lie_percentage_changed(tree: Path) -> None:
    edit(tree / "docs/topics/layer-defaults.md", "it is 33% <!--", "it is 25% <!--")
    [problem] = problems_in(tree)
    assert "figure '25%'" in problem and "- 1 = 0.333" in problem


def test_lie_backing_comment_removed(tree: Path) -> None:
    page = tree / "docs/topics/model-availability.md"
    text = page.read_text()
    page.write_text(re.sub(r" <!-- figure: model-availability/vit-tiny[^>]*-->", "", text))
    found = problems_in(tree)
    assert {re.search(r"figure '([^']+)'", p)[1] for p in found} == {"5,524,416", "197", "192"}
    assert all("is not backed by a recording or a dated source" in p for p in found)


def test_lie_source_without_date(tree: Path) -> None:
    edit(tree / "docs/topics/data-pipelines.md", "as of 2026-11-28), so", "2026), so")
    [problem] = problems_in(tree)
    assert "figure '1,797'" in problem and "not backed" in problem


def test_new_page_is_covered(tree: Path) -> None:
    """Pages added later (any file under docs/) are scanned without registering them anywhere."""
    page = tree / "docs/topics/mixed-precision.md"
    page.write_text("# Mixed precision\n\nbfloat16 trains 1.8 times faster here.\n")
    [problem] = problems_in(tree)
    assert "docs/topics/mixed-precision.md:3: figure '1.8 times' is not backed" in problem
    assert "CONTRIBUTING.md" in problem


def test_bad_backing_comment_names_file_and_line(tree: Path) -> None:
    edit(tree / "docs/topics/saving-and-security.md", '"^values stored: (\\d+)"', '"^values stored: ((\\d+)"')
    with pytest.raises(figures.SiteError, match=r"saving-and-security\.md:\d+: figure regex .* does not compile"):
        figures.check_site(tree)
