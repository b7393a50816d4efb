"""Each bad input to the pair pipeline gives one clear message and loses nothing.

The trees here are temporary fixtures, never the real content, so these
tests describe the contract a contributor meets when something is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.cli import cmd_check, cmd_new, cmd_record
from sidebyside.errors import SiteError
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.expand import expand

GOOD = "# title: Adds two numbers\nprint(1 + 1)\n"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def good_pair(root: Path, key: str = "topic/pair") -> None:
    for fw in ("tensorflow", "pytorch"):
        write(root, f"{key}.{fw}.py", GOOD)
        write(root, f"{key}.{fw}.out", f"# tested with {'TensorFlow' if fw == 'tensorflow' else 'PyTorch'} 1.0\n2\n")


def error_of(call, *args, **kwargs) -> str:
    with pytest.raises(SiteError) as info:
        call(*args, **kwargs)
    message = info.value.message
    assert "\n" not in message, "an error must be one line"
    return message


def test_good_fixture_is_accepted(tmp_path: Path) -> None:
    good_pair(tmp_path)
    assert list(discover(tmp_path)) == ["topic/pair"]


def test_missing_half(tmp_path: Path) -> None:
    write(tmp_path, "topic/pair.tensorflow.py", GOOD)
    message = error_of(discover, tmp_path)
    assert "pair.tensorflow.py" in message
    assert "has no PyTorch half (pair.pytorch.py)" in message
    assert "python -m sidebyside new topic/pair" in message


def test_missing_recording(tmp_path: Path) -> None:
    good_pair(tmp_path)
    (tmp_path / "topic/pair.pytorch.out").unlink()
    message = error_of(discover, tmp_path)
    assert "pair.pytorch.py: no recorded output" in message
    assert "python -m sidebyside record topic/pair" in message


def test_orphan_recording(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/gone.pytorch.out", "# tested with PyTorch 1.0\n")
    assert "gone.pytorch.out: orphan recording" in error_of(discover, tmp_path)


def test_stray_file_and_bad_names(tmp_path: Path) -> None:
    write(tmp_path, "topic/notes.txt", "x")
    assert "notes.txt: file does not belong to a pair" in error_of(discover, tmp_path)
    (tmp_path / "topic/notes.txt").unlink()
    write(tmp_path, "topic/Bad_Name.tensorflow.py", GOOD)
    assert "pair name 'Bad_Name' is not lowercase-hyphen" in error_of(discover, tmp_path)


def test_malformed_header(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", "#title Adds\nprint(2)\n")
    message = error_of(discover, tmp_path)
    assert "pair.pytorch.py:1: malformed header line" in message
    write(tmp_path, "topic/pair.pytorch.py", "# title: Adds two numbers\n# colour: red\nprint(2)\n")
    assert "pair.pytorch.py:2: unknown header key 'colour'" in error_of(discover, tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", "print(2)\n")
    assert "pair.pytorch.py:1: header has no '# title:' line" in error_of(discover, tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", "# title: Something else\nprint(2)\n")
    assert "title differs from its twin" in error_of(discover, tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", "# title: Adds two numbers\n# timeout: soon\nprint(2)\n")
    assert "pair.pytorch.py:2: timeout 'soon' is not a positive whole number" in error_of(discover, tmp_path)


def test_unknown_pair_reference_names_page_line_and_suggestion(tmp_path: Path) -> None:
    good_pair(tmp_path)
    pairs = discover(tmp_path)
    page = tmp_path / "docs/page.md"
    text = "# Page\n\nIntro.\n\n@pair topic/pear\n"
    message = error_of(expand, text, page, pairs, lambda d: "", None)
    assert message.endswith("page.md:5: unknown pair 'topic/pear'; did you mean 'topic/pair'?")


def test_directives_inside_code_fences_are_left_alone(tmp_path: Path) -> None:
    text = "```markdown\n@pair topic/missing\n```\n"
    assert expand(text, tmp_path / "p.md", {}, lambda d: "", None) == text


def test_check_reports_unreferenced_pair_and_unknown_reference(tmp_path: Path) -> None:
    good_pair(tmp_path / "snippets")
    docs = tmp_path / "docs"
    write(docs, "index.md", "# Home\n")
    assert "pair 'topic/pair' is not shown on any page" in error_of(cmd_check, tmp_path / "snippets", docs)
    write(docs, "index.md", "# Home\n\n@pair topic/other\n")
    assert "index.md:3: unknown pair 'topic/other'" in error_of(cmd_check, tmp_path / "snippets", docs)
    write(docs, "index.md", "# Home\n\n@pair topic/pair\n")
    assert cmd_check(tmp_path / "snippets", docs).startswith("1 pairs")


@pytest.mark.slow
def test_snippet_that_raises_keeps_old_recordings(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", "# title: Adds two numbers\nx = 1\nraise ValueError('boom')\n")
    before = {p.name: p.read_text() for p in tmp_path.rglob("*.out")}
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert "pair.pytorch.py:3: snippet exited with status 1: ValueError: boom" in message
    assert {p.name: p.read_text() for p in tmp_path.rglob("*.out")} == before


@pytest.mark.slow
def test_snippet_that_hangs_times_out_and_keeps_old_recordings(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.tensorflow.py", "# title: Adds two numbers\n# timeout: 2\nimport time\ntime.sleep(60)\n")
    before = {p.name: p.read_text() for p in tmp_path.rglob("*.out")}
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert "pair.tensorflow.py: snippet did not finish within 2 s" in message
    assert "# timeout: N" in message
    assert {p.name: p.read_text() for p in tmp_path.rglob("*.out")} == before


@pytest.mark.slow
def test_record_writes_version_from_installed_framework(tmp_path: Path) -> None:
    good_pair(tmp_path)
    cmd_record("topic", root=tmp_path)
    first_line = (tmp_path / "topic/pair.tensorflow.out").read_text().splitlines()[0]
    assert first_line.startswith("# tested with TensorFlow 2.")


def test_new_scaffolds_both_halves_and_refuses_to_overwrite(tmp_path: Path) -> None:
    made = cmd_new("topic/new-pair", root=tmp_path)
    assert sorted(p.name for p in made) == ["new-pair.pytorch.py", "new-pair.tensorflow.py"]
    assert discover(tmp_path, require_outputs=False)["topic/new-pair"].title == "New pair"
    assert "already exists" in error_of(cmd_new, "topic/new-pair", root=tmp_path)
    assert "is not lowercase-hyphen" in error_of(cmd_new, "Topic/x", root=tmp_path)


def test_page_referencing_unrecorded_pair_names_page_and_line(tmp_path: Path) -> None:
    good_pair(tmp_path)
    (tmp_path / "topic/pair.pytorch.out").unlink()
    pairs = discover(tmp_path, require_outputs=False)
    message = error_of(expand, "# P\n@pair topic/pair\n", tmp_path / "page.md", pairs, lambda d: "", None)
    assert message.endswith("page.md:2: pair 'topic/pair' has no recorded output for PyTorch; run: python -m sidebyside record topic/pair")


def test_verified_cache_key_changes_with_script_recording_and_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sidebyside.pairs import verified

    good_pair(tmp_path)
    half = discover(tmp_path)["topic/pair"].halves["tensorflow"]
    base = verified.key(half, "1.0")
    assert verified.key(half, "1.1") != base
    half.out_path.write_text("# tested with TensorFlow 1.0\n3\n")
    assert verified.key(half, "1.0") != base
    monkeypatch.setenv("CI", "true")
    assert not verified.enabled()
