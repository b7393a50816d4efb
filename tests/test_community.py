"""The community page's facts are all sourced and dated, and bad data stops with file:line.

``data/community.yml`` holds what code cannot check (who backs what, release
dates, adoption figures). These tests hold the real file to the rules and
show, on small temporary files, the one-line message a contributor gets for
each kind of mistake.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sidebyside.data.community import COMMUNITY, load_community
from sidebyside.errors import SiteError
from sidebyside.site.renderers.community_facts import fact_row, section_markdown
from sidebyside.site.renderers.community_sources import sources_markdown

TODAY = datetime.date(2026, 11, 26)

GOOD = """\
sections:
  - id: origins
    title: Origins
    facts:
      - framework: PyTorch
        when: 2022-09-12
        fact: Moved to the PyTorch Foundation.
        source: https://example.org/pytorch-foundation
        source_title: Press release
        as_of: 2026-11-20
      - framework: TensorFlow
        fact: Released by Google.
        source: https://example.org/tensorflow
        source_title: News
        as_of: 2026-11-21
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "community.yml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(SiteError) as info:
        load_community(path, today=TODAY)
    message = info.value.message
    assert "\n" not in message, "an error must be one line"
    assert message.startswith(f"{path}:"), message
    return message


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``: where the error must point."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_real_data_is_sourced_and_dated() -> None:
    sections = load_community(COMMUNITY)
    ids = [section.id for section in sections]
    assert {"origins", "release-history", "language-bindings", "adoption"} <= set(ids)
    for section in sections:
        for fact in section.facts:
            assert fact.source.startswith("https://"), fact
            assert fact.as_of <= datetime.date.today(), fact


def test_good_fixture_loads(tmp_path: Path) -> None:
    sections = load_community(write(tmp_path, GOOD), today=TODAY)
    facts = sections[0].facts
    assert [f.framework for f in facts] == ["PyTorch", "TensorFlow"]
    assert facts[0].when == "2022-09-12" and facts[1].when is None
    assert facts[0].as_of == datetime.date(2026, 11, 20)


def test_missing_source(tmp_path: Path) -> None:
    text = GOOD.replace("        source: https://example.org/tensorflow\n", "")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, 'framework: TensorFlow')}: fact is missing 'source'; add 'source:'" in message


def test_bad_date(tmp_path: Path) -> None:
    text = GOOD.replace("as_of: 2026-11-21", "as_of: 2026-13-01")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, '2026-13-01')}: invalid YAML: invalid date '2026-13-01'" in message


def test_date_that_is_text(tmp_path: Path) -> None:
    text = GOOD.replace("as_of: 2026-11-21", "as_of: last week")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, 'last week')}: fact as_of must be a date YYYY-MM-DD, got 'last week'" in message


def test_future_as_of(tmp_path: Path) -> None:
    text = GOOD.replace("as_of: 2026-11-21", "as_of: 2027-01-01")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, '2027-01-01')}: fact as_of 2027-01-01 is in the future" in message


def test_unknown_key(tmp_path: Path) -> None:
    text = GOOD.replace("        fact: Released by Google.\n", "        fact: Released by Google.\n        stars: 190000\n")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, 'stars:')}: fact has unknown key 'stars'; allowed keys:" in message


def test_http_source(tmp_path: Path) -> None:
    text = GOOD.replace("https://example.org/tensorflow", "http://example.org/tensorflow")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, 'http://example.org')}: fact source 'http://example.org/tensorflow' is not an https URL" in message


def test_unknown_framework(tmp_path: Path) -> None:
    text = GOOD.replace("framework: TensorFlow", "framework: MXNet")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, 'framework: MXNet')}: fact has unknown framework 'MXNet'" in message


def test_bad_when(tmp_path: Path) -> None:
    text = GOOD.replace("when: 2022-09-12", "when: September 2022")
    message = error_of(tmp_path, text)
    assert f":{line_of(text, 'September 2022')}: fact 'when' must be YYYY, YYYY-MM or YYYY-MM-DD" in message


def test_duplicate_section_id(tmp_path: Path) -> None:
    second = GOOD.split("sections:\n", 1)[1]
    text = GOOD + second
    message = error_of(tmp_path, text)
    assert f":{text.splitlines().index('  - id: origins', 2) + 1}: section id 'origins' is used twice" in message


def test_rendered_rows_show_source_and_date(tmp_path: Path) -> None:
    sections = load_community(write(tmp_path, GOOD), today=TODAY)
    markdown = section_markdown(sections[0])
    assert markdown.startswith("## Origins { #origins }")
    row = fact_row(sections[0].facts[0])
    assert "[Press release](https://example.org/pytorch-foundation)" in row
    assert "as of 2026-11-20" in row
    assert "| 2022-09-12 |" in row


def test_sources_listed_once_with_latest_date(tmp_path: Path) -> None:
    text = GOOD.replace("https://example.org/tensorflow", "https://example.org/pytorch-foundation")
    sections = load_community(write(tmp_path, text), today=TODAY)
    listing = sources_markdown(sections).splitlines()
    assert listing == ["- Press release: <https://example.org/pytorch-foundation> (as of 2026-11-21)"]


def test_registry_fact_needs_a_version(tmp_path: Path) -> None:
    text = GOOD.replace("framework: TensorFlow\n", "framework: TensorFlow\n        registry: pypi:tensorflow\n", 1)
    message = error_of(tmp_path, text)
    assert "fact: a registry fact needs 'version'" in message


def test_registry_must_name_pypi_or_npm(tmp_path: Path) -> None:
    text = GOOD.replace("framework: TensorFlow\n", "framework: TensorFlow\n        registry: conda:tensorflow\n        version: \"1\"\n", 1)
    message = error_of(tmp_path, text)
    assert f":{line_of(text, 'registry: conda')}: fact: registry 'conda:tensorflow' is not" in message
