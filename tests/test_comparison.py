"""data/comparison.yml: the real file is complete, bad files fail with one file:line message,
and the built table and home summary show every row with working evidence links."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from mkdocs.exceptions import PluginError

from sidebyside.data.comparison import VERDICTS, load_comparison
from sidebyside.errors import SiteError
from sidebyside.site import hook
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers.comparison_table import table_html

ISSUE_GROUPS = {"programming-model", "performance", "distributed", "deployment", "ecosystem", "tooling", "community", "learning"}

GOOD_ROW = """\
      - id: default-execution
        criterion: Default execution
        tensorflow: Eager since 2.0.
        pytorch: Eager.
        verdict: tie
        why: Both run eagerly.
        evidence: topics/execution-model.md#eager-by-default
"""


def write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "comparison.yml"
    path.write_text("groups:\n  - id: programming-model\n    title: Programming model\n    rows:\n" + rows, encoding="utf-8")
    return path


def fake_ctx(page: str = "decide/comparison.md") -> RenderContext:
    config = {"use_directory_urls": True, "nav": [{"Execution model": "topics/execution-model.md"}]}
    return RenderContext(page_src=page, line=1, arg="comparison-table", pairs={}, config=config)


def test_real_file_has_enough_grouped_rows() -> None:
    table = load_comparison()
    assert len(table.rows) >= 24
    assert {group.id for group in table.groups} == ISSUE_GROUPS
    assert all(row.verdict in VERDICTS for row in table.rows)
    assert all(row.evidence.startswith(("topics/", "decide/", "reference/")) for row in table.rows)


def test_good_fixture_loads(tmp_path: Path) -> None:
    table = load_comparison(write(tmp_path, GOOD_ROW))
    assert [row.id for row in table.rows] == ["default-execution"]


BAD_ROWS = {
    "unknown key": (GOOD_ROW + "        colour: red\n", 12, "row 'default-execution' has unknown key 'colour'"),
    "missing verdict": (GOOD_ROW.replace("        verdict: tie\n", ""), 5, "row 'default-execution' is missing 'verdict'"),
    "unknown verdict": (GOOD_ROW.replace("verdict: tie", "verdict: keras"), 9, "row 'default-execution' has unknown verdict 'keras'"),
    "duplicate id": (GOOD_ROW + GOOD_ROW, 12, "row id 'default-execution' is used twice (first on line 5)"),
    "source without date": (
        GOOD_ROW + "        source: https://example.org/a\n",
        5,
        "row 'default-execution' has only one of 'source' and 'as_of'",
    ),
    "date in the future": (
        GOOD_ROW + "        source: https://example.org/a\n        as_of: 2999-01-01\n",
        13,
        "row 'default-execution' as_of 2999-01-01 is in the future",
    ),
    "evidence not a page link": (
        GOOD_ROW.replace("topics/execution-model.md#eager-by-default", "https://example.org"),
        11,
        "row 'default-execution' evidence 'https://example.org' is not a docs-relative page link",
    ),
    "yes read as boolean": (GOOD_ROW.replace("pytorch: Eager.", "pytorch: yes"), 8, "row 'default-execution' 'pytorch' is not text"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_bad_input_gives_one_file_line_message(tmp_path: Path, case: str) -> None:
    rows, line, problem = BAD_ROWS[case]
    path = write(tmp_path, rows)
    with pytest.raises(SiteError) as caught:
        load_comparison(path)
    message = caught.value.message
    assert message.startswith(f"{path}:{line}: {problem}"), message
    assert "\n" not in message and "; " in message  # one line, with a fix


def test_broken_anchor_names_the_data_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook's after-build check reports the data file and the evidence line, not the page."""
    path = write(tmp_path, GOOD_ROW.replace("#eager-by-default", "#no-such-heading"))
    ctx = fake_ctx()
    table_html(ctx, load_comparison(path))
    anchors = {"topics/execution-model.md": {"eager-by-default"}, "decide/comparison.md": set()}
    monkeypatch.setattr(hook, "state", hook.BuildState(links=list(ctx.links), anchors=anchors))
    with pytest.raises(PluginError) as caught:
        hook.on_env(None, None, None)
    expected = f"{path}:11: row 'default-execution' evidence links to unknown anchor 'no-such-heading' on 'topics/execution-model.md'"
    assert str(caught.value).startswith(expected)


def test_links_are_relative_to_the_page_for_both_url_styles() -> None:
    table = load_comparison()
    row = table.rows[0]
    hosted = table_html(fake_ctx(), table)
    assert 'href="../../topics/execution-model/#' in hosted
    offline_ctx = fake_ctx()
    offline_ctx.config["use_directory_urls"] = False
    offline = table_html(offline_ctx, table)
    assert 'href="../topics/execution-model.html#' in offline
    assert f'id="row-{row.id}"' in hosted


# ---- the built site -------------------------------------------------------


@pytest.fixture(scope="module")
def site(hosted_site: Path) -> Path:
    """The run's one shared ``mkdocs build --strict`` (tests/conftest.py)."""
    return hosted_site


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The built file and fragment an in-site href of a built page points at."""
    target = urlparse(urljoin(f"http://site/{page_url}", html.unescape(href)))
    path = target.path.lstrip("/")
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    return file, target.fragment


def assert_link_resolves(site: Path, page_url: str, href: str) -> None:
    file, fragment = resolve(site, page_url, href)
    assert file.is_file(), f"{href} from {page_url}: no {file}"
    if fragment:
        assert f'id="{fragment}"' in file.read_text(encoding="utf-8"), f"{href} from {page_url}: no anchor"


def test_built_table_has_every_row_with_working_evidence(site: Path) -> None:
    page = "decide/comparison/"
    built = (site / page / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="row-([a-z0-9-]+)"(.*?)</tr>', built, flags=re.DOTALL)
    data = load_comparison()
    assert [row_id for row_id, _ in rows] == [row.id for row in data.rows]
    for (row_id, body), row in zip(rows, data.rows, strict=True):
        assert html.escape(row.criterion, quote=False) in body.replace("<code>", "`").replace("</code>", "`"), row_id
        evidence = re.search(r'data-label="Evidence"><a href="([^"]+)"', body)
        assert evidence, row_id
        assert_link_resolves(site, page, evidence.group(1))
        if row.source:
            assert f'href="{row.source}"' in body and f"as of {row.as_of}" in body, row_id


def test_home_summary_is_by_kind_of_project(site: Path) -> None:
    """The home page summarises by kind of project (no equal-weight scoreboard): every kind, its leaf, its rows."""
    from sidebyside.data.decision import load_decision

    built = (site / "index.html").read_text(encoding="utf-8")
    section = built[built.index('id="at-a-glance"') : built.index('id="topics"')]
    assert "ahead on" not in section  # the old "TensorFlow ahead on 7, PyTorch on 5" count is gone
    tree = load_decision()
    for project in tree.projects:
        assert html.escape(project.kind, quote=False) in section, project.kind
        assert f"decide/chooser/#step-{project.leaf}" in section, project.leaf
        for row_id in project.rows:
            assert f"decide/comparison/#row-{row_id}" in section, row_id
            assert_link_resolves(site, "", f"decide/comparison/#row-{row_id}")
    short = built[built.index("Short answer") : built.index('id="how-to-read"')]
    assert all(f"#step-{project.leaf}" in short for project in tree.projects)


def test_scripts_and_styles_are_self_hosted(site: Path) -> None:
    built = (site / "decide" / "comparison" / "index.html").read_text(encoding="utf-8")
    for asset in ("assets/javascripts/comparison-table.js", "assets/javascripts/chooser.js", "assets/stylesheets/site.css"):
        assert asset in built
        assert (site / asset).is_file()
    assert "/* assets/stylesheets/decide.css */" in (site / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="(https?:)?//', built)

