"""The search index waits for the first paint (overrides/partials/search-later.html).

The index is the largest download of every page; requested while the page
is still painting, it takes a slow phone's bandwidth from the page. The
hosted build must request it only after the first contentful paint, and
search must still answer. A planted page that requests the index while its
head is parsed, the way the theme does when nothing holds it, proves the
check fires.
"""

from __future__ import annotations

import re

import pytest

from sidebyside import ROOT

pytestmark = pytest.mark.browser

PARTIAL = ROOT / "overrides" / "partials" / "search-later.html"

TIMES = """() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const index = performance.getEntriesByType('resource').find(e => /\\/search\\/search_index\\.json$/.test(e.name));
  return {paint: paint ? paint.startTime : null, index: index ? index.startTime : null};
}"""

INDEX_SEEN = "() => performance.getEntriesByType('resource').some(e => /\\/search\\/search_index\\.json$/.test(e.name))"


def order_problem(times: dict) -> str | None:
    """The message for an index requested before the first contentful paint, or None."""
    if times["index"] is None:
        return "the search index was never requested"
    if times["paint"] is None:
        return "the page reported no first contentful paint"
    if times["index"] < times["paint"]:
        return "the search index was requested before the first contentful paint"
    return None


def test_index_is_requested_after_the_first_paint_and_search_answers(hosted_url: str, open_page) -> None:  # type: ignore[no-untyped-def]
    tab, _ = open_page((hosted_url.split("/tf-vs-pytorch/")[0],))
    tab.goto(hosted_url + "topics/llm-era/", wait_until="load")
    tab.wait_for_function(INDEX_SEEN)
    assert order_problem(tab.evaluate(TIMES)) is None
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("tokenizer")
    box.press("End")
    tab.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")


def planted_page(hold: bool) -> str:
    """A page whose head requests the index at once (as the theme's script does), with or without the hold."""
    script = re.sub(r"\{#-.*?-#\}", "", PARTIAL.read_text(encoding="utf-8"), flags=re.S) if hold else ""
    early = ("<script>const r = new XMLHttpRequest(); r.open('GET', 'search/search_index.json'); r.send();</script>")
    return f"<!doctype html><html><head>{script}{early}</head><body><h1>Text</h1><p>{'word ' * 200}</p></body></html>"


@pytest.mark.parametrize("hold", [True, False], ids=["held", "planted-early"])
def test_planted_early_request_is_named(open_page, hold: bool) -> None:  # type: ignore[no-untyped-def]
    origin = "http://sbs.test"
    tab, _ = open_page((origin,))

    def answer(route) -> None:  # type: ignore[no-untyped-def]
        index = route.request.url.endswith("/search/search_index.json")
        route.fulfill(status=200, content_type="application/json" if index else "text/html",
                      body="{}" if index else planted_page(hold))

    tab.route(origin + "/**", answer)
    tab.goto(origin + "/page/", wait_until="load")
    tab.wait_for_function(INDEX_SEEN)
    problem = order_problem(tab.evaluate(TIMES))
    if hold:
        assert problem is None
    else:
        assert problem == "the search index was requested before the first contentful paint"
