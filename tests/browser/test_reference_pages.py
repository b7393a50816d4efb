"""The API dictionary and fact-check pages in headless Chromium.

Site search must find a dictionary row by either framework's name, the
filter box must work from file:// (offline zip), and every fact-check claim
must show a verdict badge with its word, not only a colour.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import LOCAL_SCHEMES, offline_path, search

from sidebyside.data.claims import VERDICTS, load_claims
from sidebyside.data.rosetta import all_rows, load_rosetta

pytestmark = pytest.mark.browser

SEARCHES = [
    # (query, row id that must be among the first results): each mapping from both sides
    ("reduce_sum", "reduce-sum"),
    ("torch.sum", "reduce-sum"),
    ("reduce_max", "reduce-max"),
    ("amax", "reduce-max"),
    ("clip_by_global_norm", "clip-global-norm"),
    ("clip_grad_norm_", "clip-global-norm"),
    ("repeat_interleave", "repeat-interleave"),
]


def test_search_finds_a_row_by_either_name(hosted_url: str, open_page) -> None:  # type: ignore[no-untyped-def]
    """Each query typed in turn into the search box of one loaded page; every row must be among the first results."""
    tab, _ = open_page((hosted_url,))
    tab.goto(hosted_url + "reference/api-dictionary/")
    misses = []
    for query, row in SEARCHES:
        hrefs = search(tab, query)[:10]
        if not any(h.split("?")[0].endswith("reference/api-dictionary/") and h.endswith(f"#{row}") for h in hrefs):
            misses.append(f"search for {query!r} should list the row #{row}; first results: {hrefs}")
    assert not misses, "\n".join(misses)


def test_filter_box_works_offline(offline_site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    total = len(all_rows(load_rosetta()))
    tab, log = open_page(LOCAL_SCHEMES)
    tab.goto((offline_site / offline_path("reference/api-dictionary")).as_uri())
    count = tab.locator("#sbs-rosetta-count")
    assert count.inner_text() == f"{total} of {total} mappings shown"
    tab.locator("#sbs-rosetta-filter").press_sequentially("keepdim")
    visible = tab.locator(".sbs-rosetta-row:not([hidden])")
    texts = visible.all_inner_texts()
    assert texts, "typing 'keepdim' should leave some rows"
    assert all("keepdim" in t.lower() for t in texts)
    assert count.inner_text() == f"{len(texts)} of {total} mappings shown"
    assert tab.locator("h2#activations").is_hidden(), "a category without matches should be hidden with its heading"
    tab.locator("#sbs-rosetta-filter").fill("")
    tab.locator("#sbs-rosetta-filter").dispatch_event("input")
    assert count.inner_text() == f"{total} of {total} mappings shown"
    assert not log.offenders and not log.errors, log.offenders + log.errors


def test_every_claim_shows_a_worded_badge(hosted_url: str, open_page) -> None:  # type: ignore[no-untyped-def]
    claims = load_claims().claims()
    tab, log = open_page((hosted_url,))
    tab.goto(hosted_url + "reference/fact-check/")
    badges = tab.locator(".sbs-claim h3 .sbs-fc-badge").all_inner_texts()
    assert len(badges) == len(claims)
    assert {b.lower() for b in badges} <= set(VERDICTS)
    colour = tab.locator(".sbs-claim h3 .sbs-fc-badge").first.evaluate("(e) => getComputedStyle(e).color")
    assert colour == "rgb(255, 255, 255)", "badge text must stay white on the verdict colour"
    assert not log.errors, log.errors


@pytest.mark.parametrize("page", ["reference/fact-check", "reference/api-dictionary"])
def test_in_site_links_resolve_in_the_built_site(hosted_site: Path, page: str) -> None:
    """Generated raw HTML is not rewritten by MkDocs: every relative link must hit a built file and anchor."""
    source = hosted_site / page / "index.html"
    html = source.read_text(encoding="utf-8")
    broken = []
    for href in re.findall(r'<a href="([^"#:]*)(#[^"]*)?"', html):
        path, anchor = href
        if not path:
            continue
        target = (source.parent / unquote(urlsplit(path).path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{path}{anchor}: no such file")
        elif anchor and f'id="{anchor[1:]}"' not in target.read_text(encoding="utf-8"):
            broken.append(f"{path}{anchor}: no such anchor")
    assert not broken, f"{page}:\n" + "\n".join(sorted(set(broken)))
