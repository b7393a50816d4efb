"""The YAML loader keeps line numbers so data errors point at the line to edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.data.fields import keys
from sidebyside.data.yamlsrc import load_yaml
from sidebyside.errors import SiteError


def load(tmp_path: Path, text: str):
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    return path, load_yaml(path)


def test_lines_of_mappings_and_keys(tmp_path: Path) -> None:
    _, data = load(tmp_path, "rows:\n  - id: a\n    tf: x\n  - id: b\n    torch: y\n")
    first, second = data["rows"]
    assert (first.line, first.line_of("tf"), second.line_of("torch")) == (2, 3, 5)
    assert data["rows"].line == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", "data.yml:3: invalid YAML"),
        ("a: 1\na: 2\n", "data.yml:2: invalid YAML: duplicate key 'a'"),
    ],
)
def test_syntax_errors_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteError) as info:
        load_yaml(path)
    assert expected in info.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match=r"nothere\.yml: file not found"):
        load_yaml(tmp_path / "nothere.yml")


def test_require_keys_reports_unknown_then_missing(tmp_path: Path) -> None:
    _, data = load(tmp_path, "id: a\nverdikt: tie\n")
    with pytest.raises(SiteError) as info:
        keys(data, {"id", "verdict"}, (), "row 'a'")
    assert "data.yml:2: row 'a' has unknown key 'verdikt'; allowed keys: id, verdict" in info.value.message
    _, data = load(tmp_path, "id: a\n")
    with pytest.raises(SiteError) as info:
        keys(data, {"id", "verdict"}, (), "row 'a'")
    assert "data.yml:1: row 'a' is missing 'verdict'" in info.value.message
