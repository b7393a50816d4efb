"""The pages read from the release ledger: the ledger page, "what changed" sections, the advisories table.

Renderers are called directly (no MkDocs build): every release is anchored,
every covering section and release link is queued for the build's anchor
check against the ledger file and line, and every advisory's range is shown
as the ledger states it. The pins in requirements/*.txt are checked against
every affected range; a planted pin inside a range fails naming both.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.data.pins import advisory_problems, pins
from sidebyside.data.releases import KINDS, LEDGER_PAGES, SINCE, changes_on, ledger_page, load_ledger, load_package
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext, registry
from sidebyside.site.renderers._ledger import release_id
from tests.planting import KERAS_LEDGER_HEAD

LEDGER = load_ledger()


def render(name: str, page: str) -> tuple[str, RenderContext]:
    ctx = RenderContext(page_src=page, line=1, arg=name, pairs={}, config=None)
    return registry()[name](ctx), ctx


@pytest.mark.parametrize("page", LEDGER_PAGES)
def test_ledger_page_anchors_every_release_and_queues_every_section_link(page: str) -> None:
    html, ctx = render("release-ledger", page)
    mine = [p for p in LEDGER if ledger_page(p) == page]
    assert mine and {p.framework for p in mine} == set(LEDGER_PAGES[page])
    for package in LEDGER:
        for release in package.releases:
            listed = f'id="{release_id(package, release)}"' in html
            assert listed == (package in mine), f"{package.name} {release.version} on {page}: {listed}"
            assert not listed or release.source in html
    expected = [(c.page, p.path, c.line) for p in mine for r in p.releases for c in r.changes if c.page]
    assert sorted((c.target, c.origin, c.line) for c in ctx.links) == sorted(expected)
    assert all(f'<option value="{kind}">' in html for kind in KINDS)
    assert html.count('class="sbs-ledger-release"') == sum(len(p.releases) for p in mine)
    summary = html.split('class="sbs-ledger-summary"')[1].split("</details>")[0]
    for package in mine:
        kinds = [sum(1 for r in package.releases for c in r.changes if c.kind == k) for k in KINDS]
        row = "".join(f"<td>{n}</td>" for n in [len(package.releases), *kinds, sum(1 for r in package.releases if r.nothing)])
        assert f'<a href="#ledger-{package.path.stem}">' in summary and row in summary, package.name


def test_every_framework_group_has_one_ledger_page() -> None:
    groups = [f for frameworks in LEDGER_PAGES.values() for f in frameworks]
    assert sorted(groups) == sorted({p.framework for p in LEDGER}) and len(groups) == len(set(groups))


def test_the_ledger_on_another_page_is_refused() -> None:
    with pytest.raises(SiteError, match="LEDGER_PAGES does not name"):
        render("release-ledger", "topics/deployment.md")


def test_filter_script_is_loaded_and_needs_no_network() -> None:
    scripts = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nextra_javascript:")[1].split("\n\n")[0]
    script = ROOT / "overrides" / "assets" / "javascripts" / "release-ledger.js"
    assert re.search(r"\n  - (path: )?assets/javascripts/release-ledger\.js\n", scripts) and script.is_file()
    assert not re.search(r"https?://", script.read_text(encoding="utf-8"))


def test_what_changed_sections_list_the_ledger_changes_that_link_to_them() -> None:
    pages = {c.page.partition("#")[0] for p in LEDGER for r in p.releases for c in r.changes if c.page}
    for page in sorted(pages):
        if "@render release-changes" not in (ROOT / "docs" / page).read_text(encoding="utf-8"):
            continue
        html, ctx = render("release-changes", page)
        found = changes_on(LEDGER, page)
        assert html.count("<tr><td>") == len(found)
        for package, release, change in found:
            assert f"{ledger_page(package)}#{release_id(package, release)}" in [c.target for c in ctx.links]
            if change.older:
                assert change.older.split("`")[0][:40].replace("&", "&amp;").replace("<", "&lt;") in html


def test_a_page_no_change_links_to_says_so() -> None:
    html, ctx = render("release-changes", "topics/no-such-page.md")
    assert html == f"<p>No release since {SINCE:%B %Y} changed what this page shows.</p>" and ctx.links == []


def test_advisories_table_shows_each_range_as_the_ledger_states_it() -> None:
    html, _ = render("security-advisories", "topics/saving-and-security.md")
    shown = [c for p in LEDGER for r in p.releases for c in r.changes if c.kind == "security"]
    assert shown and html.count("<tr><td>") == len(shown)
    for package in LEDGER:
        if package.name in ("keras", "torch", "safetensors", "tensorflow") and not any(c.kind == "security" for r in package.releases for c in r.changes):
            assert package.package in html.split("</table>")[1], f"{package.name}: say that the ledger has no advisory for it"
    for change in shown:
        assert f"<code>{change.affected.replace('<', '&lt;').replace('>', '&gt;')}</code>" in html and change.advisory_id in html
    keras_1550 = [c for c in shown if c.cve == "CVE-2025-1550"]
    assert keras_1550 and all(c.fixed == "3.9.0" and c.affected.endswith("< 3.9.0") for c in keras_1550)


def test_every_advisory_named_on_the_security_page_is_in_the_ledger() -> None:
    """Ranges are rendered from the ledger: an advisory typed into the page must at least be one the ledger knows."""
    text = (ROOT / "docs" / "topics" / "saving-and-security.md").read_text(encoding="utf-8")
    known = {i for p in LEDGER for r in p.releases for c in r.changes for i in (c.advisory, c.cve) if i}
    assert set(re.findall(r"CVE-\d{4}-\d+|GHSA(?:-\w{4}){3}", text)) - known == set()
    assert not re.search(r"[<>]=? ?\d+\.\d+", text.split("## Sources")[0].replace("<!--", "")), "type no version range by hand: render it"


def test_no_pinned_version_is_inside_an_advisory_range() -> None:
    assert [e.message for e in advisory_problems(LEDGER, pins())] == []


PLANTED = KERAS_LEDGER_HEAD + """\
  - version: "3.15.1"
    date: 2026-07-29
    source: https://github.com/keras-team/keras/releases/tag/v3.15.1
    as_of: 2026-12-06
    changes:
      - kind: security
        text: A planted flaw.
        impact: "no reader impact: planted"
        advisory: GHSA-2222-3333-4444
        affected: ">= 3.0.0, < 99.0.0"
        fixed: "99.0.0"
"""


@pytest.mark.parametrize("safe_here", [None, "Only files this site wrote are loaded."])
def test_a_pin_inside_a_range_fails_naming_pin_and_advisory(tmp_path: Path, safe_here: str | None) -> None:
    path = tmp_path / "keras.yml"
    path.write_text(PLANTED + (f"        safe_here: {safe_here}\n" if safe_here else ""), encoding="utf-8")
    package = load_package(path, datetime.date(2026, 12, 6))
    found = pins()
    messages = [e.message for e in advisory_problems([package], found)]
    if safe_here:
        assert messages == []
        return
    keras_pins = [p for p in found if p.name == "keras"]
    assert keras_pins and messages == [
        f"requirements/{p.path.name}:{p.line}: keras=={p.version} is inside GHSA-2222-3333-4444's affected range '>= 3.0.0, < 99.0.0' "
        "(fixed in 99.0.0); pin 99.0.0 or later, or say why it is safe here with 'safe_here:' at keras.yml:12" for p in keras_pins]
