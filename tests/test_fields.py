"""The shared field rules: one message per kind of bad value, the same in every data file."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sidebyside.data import fields, loaders
from sidebyside.data.yamlsrc import LocatedDict, load_yaml
from sidebyside.errors import SiteError

TODAY = datetime.date(2026, 11, 28)


def node(tmp_path: Path, text: str) -> LocatedDict:
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def message(call, *args, **kwargs) -> str:
    with pytest.raises(SiteError) as info:
        call(*args, **kwargs)
    return info.value.message.split("data.yml", 1)[1]


@pytest.mark.parametrize(("value", "expected"), [
    ('"2026-11-01"', ":2: row as_of must be a date YYYY-MM-DD, got '2026-11-01'; write the day you read the source, unquoted, e.g. as_of: 2026-11-26"),
    ("2026-11-01 10:00:00", ":2: row as_of must be a date YYYY-MM-DD, got datetime.datetime(2026, 11, 1, 10, 0); "
                            "write the day you read the source, unquoted, e.g. as_of: 2026-11-26"),
    ("2099-01-01", ":2: row as_of 2099-01-01 is in the future; use the day you read the source"),
    ("last week", ":2: row as_of must be a date YYYY-MM-DD, got 'last week'; write the day you read the source, unquoted, e.g. as_of: 2026-11-26"),
])
def test_as_of_is_a_real_unquoted_date_not_in_the_future(tmp_path: Path, value: str, expected: str) -> None:
    item = node(tmp_path, f"id: x\nas_of: {value}\n")
    assert message(fields.as_of, item, "as_of", "row", TODAY) == expected


def test_as_of_accepts_today_and_an_impossible_date_is_a_yaml_error(tmp_path: Path) -> None:
    assert fields.as_of(node(tmp_path, "as_of: 2026-11-28\n"), "as_of", "row", TODAY) == TODAY
    assert message(node, tmp_path, "as_of: 2026-13-01\n").startswith(":1: invalid YAML: invalid date '2026-13-01'")


def test_source_and_as_of_come_together(tmp_path: Path) -> None:
    item = node(tmp_path, "id: x\nsource: https://example.org/a\n")
    assert message(fields.source, item, "row 'x'") == ":1: row 'x' has only one of 'source' and 'as_of'; add 'as_of:'; a sourced fact needs both"
    assert fields.source(node(tmp_path, "id: x\n"), "row") == (None, None)


@pytest.mark.parametrize(("call", "text", "expected"), [
    (lambda n: fields.text(n, "why", "row"), "why: yes\n", ":1: row 'why' is not text (YAML read True); put the text in quotes"),
    (lambda n: fields.text(n, "why", "row"), "why: ' '\n", ":1: row 'why' must be non-empty text; write a short sentence after 'why:'"),
    (lambda n: fields.slug(n, "id", "row"), "id: Bad_Id\n", ":1: row id 'Bad_Id' is not lowercase-hyphen; use e.g. 'default-execution'"),
    (lambda n: fields.slug(n, "id", "row", {"a": 7}), "id: a\n",
     ":1: row id 'a' is used twice (first on line 7); ids are page anchors; give each one a unique id"),
    (lambda n: fields.url(n, "source", "fact"), "source: http://example.org\n",
     ":1: fact source 'http://example.org' is not an https URL; link the https address of the page you read"),
    (lambda n: fields.page_link(n, "see", "row"), "see: https://example.org\n",
     ":1: row see 'https://example.org' is not a docs-relative page link; write it like 'topics/deployment.md#litert'"),
    (lambda n: fields.pair_ref(n, "pair", "claim"), "pair: eager\n", ":1: claim pair 'eager' is not 'topic/pair'; e.g. pair: execution-model/eager-by-default"),
    (lambda n: fields.one_of(n, "verdict", ("tie", "depends"), "row"), "verdict: maybe\n", ":1: row has unknown verdict 'maybe'; use one of: tie, depends"),
    (lambda n: fields.keys(n, {"id"}, (), "row"), "id: a\ncolour: red\n", ":2: row has unknown key 'colour'; allowed keys: id"),
])
def test_each_rule_gives_one_message(tmp_path: Path, call, text: str, expected: str) -> None:
    assert message(call, node(tmp_path, text)) == expected


def test_links_and_pair_references_remember_where_they_were_written(tmp_path: Path) -> None:
    item = node(tmp_path, "id: x\nsee: topics/a.md#b\npair: t/p\n")
    link, pair = fields.page_link(item, "see", "row"), fields.pair_ref(item, "pair", "row")
    assert (link, link.line, pair, pair.line) == ("topics/a.md#b", 2, "t/p", 3)
    assert link.origin == pair.origin == tmp_path / "data.yml"
    assert list(fields.references({"rows": [link, ("x", pair)]})) == [link, pair]


def test_every_data_file_has_a_registered_loader() -> None:
    from sidebyside import ROOT

    data = ROOT / "data"
    assert set(loaders()) == {p.relative_to(data).as_posix() for p in [*data.glob("*.yml"), *data.glob("releases/*.yml")]}


def test_the_data_layer_imports_neither_mkdocs_nor_the_site_layer() -> None:
    import subprocess
    import sys

    from sidebyside import ROOT

    code = ("import sys; from sidebyside.data import loaders; [f() for f in loaders().values()];"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs' or m.startswith('sidebyside.site')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", f"the data layer imported {out}"
