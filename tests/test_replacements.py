"""data/replacements.yml: the "what replaced what" page and its search synonyms.

The real file covers the pieces old tutorials use, each with a dated source
and a link to the section that runs the replacement; bad entries fail with
one file:line message; the renderer anchors every row and queues every link
for the build's anchor check.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sidebyside.data.replacements import REPLACEMENTS, load_replacements, synonyms
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers.replacements import render
from tests.planting import planted_copy

REQUIRED = {"torchserve", "tensorflow-lite", "tf-hub", "torchscript", "tfdbg", "data-parallel", "transformers-tf", "onnx-tf",
            "keras-2", "papers-with-code"}


def test_real_file_covers_what_old_tutorials_use() -> None:
    entries = load_replacements()
    assert REQUIRED <= {e.id for e in entries}
    assert all(e.as_of <= datetime.date.today() and e.source.startswith("https://") for e in entries)
    table = synonyms(entries)
    assert table["tf.lite"] == "tensorflow-lite" and table["torch.jit.script"] == "torchscript"
    assert table["paperswithcode.com"] == "papers-with-code" and table["tfhub.dev"] == "tf-hub"


def test_rows_are_anchored_and_links_queued_for_the_build() -> None:
    ctx = RenderContext(page_src="reference/what-replaced-what.md", line=1, arg="replacements", pairs={}, config=None)
    html = render(ctx)
    entries = load_replacements()
    for entry in entries:
        assert f'id="old-{entry.id}"' in html and f"checked {entry.as_of.isoformat()}" in html
    assert [c.target for c in ctx.links] == [e.shown_link for e in entries]
    assert all(c.origin == REPLACEMENTS for c in ctx.links)


# The date is the one data/community.yml gives for this source: a date no release carries needs that twin.
GOOD = """\
replacements:
  - id: old-thing
    old: Old thing
    aliases: [old_thing]
    framework: PyTorch
    status: archived
    date: 2025-08-07
    replacement: New thing.
    shown_by:
      text: New thing, executed
      link: topics/deployment.md#serving
      shows: torch.export
    source: https://github.com/pytorch/serve
    source_title: Example
    as_of: 2026-11-28
"""

BAD = {
    "unknown status": (GOOD.replace("status: archived", "status: dead"), 6, "unknown status 'dead'"),
    "no aliases": (GOOD.replace("aliases: [old_thing]", "aliases: []"), 4, "'aliases' must be a non-empty list"),
    "bad link": (GOOD.replace("link: topics/deployment.md#serving", "link: https://example.org"), 11, "is not a docs-relative page link"),
    "bad date": (GOOD.replace("date: 2025-08-07", "date: August 2025"), 7, "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    "missing source": (GOOD.replace("    source: https://github.com/pytorch/serve\n", ""), 2, "source"),
}


def test_good_fixture_loads(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(GOOD, encoding="utf-8")
    (entry,) = load_replacements(path)
    assert entry.date == "2025-08-07" and entry.aliases == ("old_thing",)


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_entry_gives_one_file_line_message(tmp_path: Path, case: str) -> None:
    text, line, needle = BAD[case]
    path = tmp_path / "r.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_replacements(path)
    assert caught.value.message.startswith(f"{path}:{line}:") and needle in caught.value.message, caught.value.message


def test_a_subject_with_a_status_record_shows_the_records_words() -> None:
    ctx = RenderContext(page_src="reference/what-replaced-what.md", line=1, arg="replacements", pairs={}, config=None)
    row = render(ctx).split('id="old-tf-lite-interpreter"', 1)[1].split("</tr>", 1)[0]
    assert "<strong>Deprecated</strong> since TensorFlow 2.19" in row and "Removed" not in row


def test_lie_a_removal_date_moved_by_a_year(tmp_path: Path) -> None:
    """Planted: named tensors' removal moved from torch 2.13.0's day to a year earlier; the ledger holds the day."""
    from sidebyside.data.releases import load_ledger
    torch = next(p for p in load_ledger() if p.package == "torch")
    release = next(r for r in torch.releases if r.version == "2.13.0")
    day = release.date.isoformat()
    earlier = f"{release.date.year - 1}{day[4:]}"
    text = REPLACEMENTS.read_text(encoding="utf-8")
    old = f"    date: {day}\n    date_from: torch 2.13.0\n"
    assert text.count(old) == 1
    path = tmp_path / "replacements.yml"
    path.write_text(text.replace(old, old.replace(day, earlier)), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if row == f"    date: {earlier}")
    with pytest.raises(SiteError) as caught:
        load_replacements(path)
    assert caught.value.message == (
        f"{path}:{line}: replacement 'named-tensors': date {earlier} is not the day of torch 2.13.0 in the release ledger "
        f"({day}, data/releases/torch.yml:{release.line}); write the ledger's day ({day}), or correct the ledger entry")


def test_lie_a_ledger_dated_entry_without_its_tie(tmp_path: Path) -> None:
    text = REPLACEMENTS.read_text(encoding="utf-8")
    path = tmp_path / "replacements.yml"
    path.write_text(text.replace("    date_from: torch 2.14.0\n", ""), encoding="utf-8")
    with pytest.raises(SiteError, match=r"replacement 'torch-qr-cholesky': its source is the notes of torch 2\.14\.0 in the "
                                        r"release ledger, but its date does not say it comes from them; add 'date_from: torch 2\.14\.0'"):
        load_replacements(path)


@pytest.mark.parametrize("entry", ["torchserve", "tensorflow-lite", "tf-hub", "torchscript", "transformers-tf",
                                   "papers-with-code"])
def test_lie_a_sourced_date_moved_by_a_year_against_its_twin(tmp_path: Path, entry: str) -> None:
    """Planted: a retirement date no release carries, moved a year; the community fact read from the same source holds it."""
    from sidebyside.data.community import load_community
    real = next(e for e in load_replacements() if e.id == entry)
    twin = next(f for s in load_community() for f in s.facts if f.source == real.source and f.when)
    assert real.date
    moved = f"{int(real.date[:4]) + 1}{real.date[4:]}"
    lines = REPLACEMENTS.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[real.date_line - 1] = lines[real.date_line - 1].replace(real.date, moved)
    path = tmp_path / "replacements.yml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_replacements(path)
    assert caught.value.message == (
        f"{path}:{real.date_line}: replacement '{entry}': date {moved} disagrees with data/community.yml:{twin.when_line}, "
        f"which gives {twin.when} from the same source ({real.source}); re-read the source and write its date in both places")


def test_lie_a_sourced_date_with_no_second_record(tmp_path: Path) -> None:
    """Planted: TF Hub's move dated from a source the community page does not cite; nothing would hold the date."""
    real = next(e for e in load_replacements() if e.id == "tf-hub")
    path = planted_copy(REPLACEMENTS, tmp_path, f"source: {real.source}\n", "source: https://www.kaggle.com/models\n")
    with pytest.raises(SiteError) as caught:
        load_replacements(path)
    assert caught.value.message == (
        f"{path}:{real.date_line}: replacement 'tf-hub': date {real.date} is carried by no release of the ledger and by no "
        "dated fact of data/community.yml; add 'date_from: <package> <version>', or a fact with 'when:' and the same "
        "source to the community page's 'trajectory' section")
