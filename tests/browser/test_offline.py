"""The offline zip works from file:// with no network: search, tabs, reading modes.

Every page loads from file:// with no request and no error in ``test_phone_layout.py`` (one load per page on a phone).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import LOCAL_SCHEMES, doc_pages, offline_path, search

pytestmark = pytest.mark.browser

SEARCH_CASES = {
    # term -> pages (docs-relative, no suffix) any of which must be among the results
    "GradientTape": {"topics/autodiff-and-training"},
    "DistributedDataParallel": {"topics/data-parallelism"},
    "SavedModel": {"topics/deployment", "topics/saving-and-security"},
    "reduce_sum": {"reference/api-dictionary"},
}


def file_url(site: Path, page: str) -> str:
    return (site / offline_path(page)).as_uri()


def test_zip_holds_one_folder_with_the_site(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"tf-vs-pytorch-offline"}, f"zip must unpack into one folder, found {sorted(tops)}"
    for needed in ("index.html", "search/search_index.js", "assets/javascripts/vendor/iframe-worker-shim.js"):
        assert f"tf-vs-pytorch-offline/{needed}" in names, f"{needed} missing from the offline zip"


def test_offline_pages_reference_nothing_remote(offline_site: Path) -> None:
    """Static check: no script, stylesheet or image URL with a scheme, no instant loading, no repo stats."""
    remote = re.compile(r"""<(?:script|img|iframe)[^>]+src=["'](?:https?:)?//|<link[^>]+rel=["']?stylesheet[^>]+href=["'](?:https?:)?//""")
    problems = []
    for page in sorted(offline_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(offline_site).as_posix()
        if remote.search(text):
            problems.append(f"{rel}: loads a remote asset")
        if 'data-md-component="source"' in text:
            problems.append(f"{rel}: repository widget would fetch stats from the GitHub API")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
        if config and any(f.startswith("navigation.instant") for f in json.loads(config.group(1))["features"]):
            problems.append(f"{rel}: navigation.instant needs fetch(), which file:// forbids")
    assert not problems, "\n".join(problems)


def test_offline_search_finds_the_page(offline_site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    """Each term typed in turn into the search box of one page loaded from file://."""
    tab, log = open_page(LOCAL_SCHEMES)
    tab.goto(file_url(offline_site, "index"))
    misses = []
    for term, expected in sorted(SEARCH_CASES.items()):
        found = {Path(urlsplit(h).path).relative_to(offline_site).with_suffix("").as_posix() for h in search(tab, term)}
        if not found & expected:
            misses.append(f"search for {term!r} should list one of {sorted(expected)}; it listed {sorted(found)}")
    assert not misses, "\n".join(misses)
    assert not log.offenders, "search requested non-file URLs:\n" + "\n".join(log.offenders)


def pages_with_pairs(site: Path) -> list[str]:
    return [page for page in doc_pages() if 'class="sbs-pair"' in (site / offline_path(page)).read_text(encoding="utf-8")]


def selected_labels(tab) -> set[str]:  # type: ignore[no-untyped-def]
    """Label text of the checked tab in every pair on the page."""
    return set(tab.evaluate("""() => [...document.querySelectorAll('.sbs-pair .tabbed-set')].map(set => {
        const input = set.querySelector(':scope > input:checked');
        return set.querySelector(`:scope > .tabbed-labels > label[for="${input.id}"]`).textContent.trim();
    })"""))


def test_tab_choice_follows_to_the_next_page_and_survives_reload(offline_site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    pages = pages_with_pairs(offline_site)
    assert pages, "no page shows a pair"
    first, second = pages[0], (pages[1] if len(pages) > 1 else pages[0])
    tab, log = open_page(LOCAL_SCHEMES)
    tab.goto(file_url(offline_site, first))
    assert selected_labels(tab) == {"TensorFlow"}, "TensorFlow should be the default tab"
    tab.locator(".sbs-pair .tabbed-labels > label", has_text="PyTorch").first.click()
    assert selected_labels(tab) == {"PyTorch"}, "choosing PyTorch once should switch every pair on the page"
    tab.goto(file_url(offline_site, "index"))
    tab.goto(file_url(offline_site, second))
    assert selected_labels(tab) == {"PyTorch"}, f"{offline_path(second)} did not keep the PyTorch choice"
    tab.reload()
    assert selected_labels(tab) == {"PyTorch"}, "the PyTorch choice did not survive a reload"
    assert not log.errors, "\n".join(log.errors)


def visible_blocks(tab) -> list[int]:  # type: ignore[no-untyped-def]
    """Number of visible variants in each pair."""
    return tab.evaluate("""() => [...document.querySelectorAll('.sbs-pair .tabbed-content')].map(c =>
        [...c.children].filter(b => b.getBoundingClientRect().height > 0).length)""")


def test_side_by_side_view_is_remembered(offline_site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    page = pages_with_pairs(offline_site)[0]
    tab, log = open_page(LOCAL_SCHEMES, viewport={"width": 1600, "height": 1000})
    tab.goto(file_url(offline_site, page))
    assert set(visible_blocks(tab)) == {1}, "tabs mode shows one variant per pair"
    toggle = tab.locator(".sbs-view-toggle").first
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert set(visible_blocks(tab)) == {2}, "side-by-side mode shows both variants of every pair"
    assert toggle.get_attribute("aria-pressed") == "true"
    tab.reload()
    assert set(visible_blocks(tab)) == {2}, "the side-by-side choice did not survive a reload"
    tab.set_viewport_size({"width": 390, "height": 844})
    assert set(visible_blocks(tab)) == {1}, "a phone screen has no room for two columns: tabs again"
    assert not tab.locator(".sbs-view-toggle").first.is_visible(), "the toggle is hidden where columns do not fit"
    assert not log.errors, "\n".join(log.errors)


def test_print_shows_both_variants_with_their_names(offline_site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    page = pages_with_pairs(offline_site)[0]
    tab, _ = open_page(LOCAL_SCHEMES)
    tab.goto(file_url(offline_site, page))
    assert set(visible_blocks(tab)) == {1}
    tab.emulate_media(media="print")
    assert set(visible_blocks(tab)) == {2}, "print must show the TensorFlow and the PyTorch variant of every pair"
    names = tab.evaluate("""() => [...document.querySelectorAll('.sbs-pair .tabbed-block')].map(b =>
        getComputedStyle(b, '::before').content)""")
    assert set(names) == {'"TensorFlow"', '"PyTorch"'}, f"each printed variant should be headed by its framework, got {set(names)}"
    assert not tab.locator(".sbs-view-toggle").first.is_visible(), "the toggle button must not be printed"
