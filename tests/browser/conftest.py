"""Helpers for tests on the built site: page paths, and pages whose requests are logged.

The builds (``hosted_site``, ``offline_zip``, ``offline_site``, ``hosted_url``)
and the ``browser`` fixture live in ``tests/conftest.py``: every test of the
run, in any directory and any xdist worker, shares one build of each.
"""

from __future__ import annotations

import pytest

from sidebyside import ROOT

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")

SEARCH_SETTLE_MS = 60_000
"""Ceiling for search results to settle on a loaded machine; the wait ends as soon as they do."""


def search(tab, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Put ``query`` in the search box; return result links once they answer the whole query.

    The theme searches the box's whole value when a key is released in it
    (a ``keyup``), so the query is filled in and one key (End) is pressed:
    the search a reader's last keystroke starts, without the searches for
    every shorter prefix, which the reader never sees either.
    """
    box = tab.locator("input.md-search__input")
    box.click()
    # Empty the box first: its answer replaces the previous query's results with the prompt (no "match").
    box.fill("")
    box.press("End")
    tab.wait_for_function(
        """() => { const meta = document.querySelector('.md-search-result__meta');
                   return !meta || !/match/i.test(meta.textContent); }""",
        timeout=SEARCH_SETTLE_MS, polling=100,
    )
    box.fill(query)
    box.press("End")
    # The next list drawn answers this query (the worker answers in order); it must also hold still
    # over three consecutive polls.
    tab.wait_for_function(
        """q => {
             const input = document.querySelector('input.md-search__input');
             const meta = document.querySelector('.md-search-result__meta');
             const list = document.querySelector('.md-search-result__list');
             if (!input || input.value !== q || !meta || !/match/i.test(meta.textContent)) return false;
             const now = q + meta.textContent + list.innerHTML;
             const last = window.__sbsLast || [];
             window.__sbsLast = [now, ...last].slice(0, 3);
             return window.__sbsLast.length === 3 && window.__sbsLast.every(v => v === now);
           }""",
        arg=query, timeout=SEARCH_SETTLE_MS, polling=100,
    )
    # every link, a page's section links too (an API dictionary row is a section of its page)
    return tab.evaluate("() => [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)")


IDLE = "() => new Promise(resolve => requestIdleCallback(() => resolve(true)))"
"""Resolves when the page's main thread has nothing left to run."""


def doc_pages(suffixes: tuple[str, ...] = (".md", ".ipynb")) -> list[str]:
    """Every docs/ page (Markdown and notebooks) as a docs-relative path without suffix ('topics/debugging')."""
    docs = ROOT / "docs"
    return sorted(p.relative_to(docs).with_suffix("").as_posix() for p in docs.rglob("*") if p.suffix in suffixes)


def hosted_path(page: str) -> str:
    """URL path of a page in the hosted build (directory URLs)."""
    if page == "index":
        return ""
    return (page[: -len("/index")] if page.endswith("/index") else page) + "/"


def offline_path(page: str) -> str:
    """File path of a page in the offline build (no directory URLs)."""
    return page + ".html"


class PageLog:
    """What a page did: requests that left the allowed origin, console errors."""

    def __init__(self, allowed: tuple[str, ...]) -> None:
        self.allowed = allowed
        self.offenders: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []

    def on_route(self, route) -> None:  # type: ignore[no-untyped-def] - Playwright Route
        """Let allowed requests through; record and block everything else."""
        url = route.request.url
        if url.startswith(self.allowed):
            self.requests.append(url)
            route.continue_()
        else:
            self.offenders.append(url)
            route.abort()

    def on_request(self, request) -> None:  # type: ignore[no-untyped-def] - Playwright Request
        """Second net: requests a route handler might not see (e.g. from workers)."""
        if not request.url.startswith(self.allowed) and request.url not in self.offenders:
            self.offenders.append(request.url)

    def on_console(self, message) -> None:  # type: ignore[no-untyped-def] - Playwright ConsoleMessage
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error) -> None:  # type: ignore[no-untyped-def]
        self.errors.append(f"uncaught: {error}")


@pytest.fixture
def open_page(browser, wait_ceiling_ms: int):  # type: ignore[no-untyped-def]
    """Factory: a fresh context + page whose requests outside ``allowed`` are blocked and logged."""
    contexts = []

    def factory(allowed: tuple[str, ...], **context_options):  # type: ignore[no-untyped-def]
        context = browser.new_context(**context_options)
        context.set_default_timeout(wait_ceiling_ms)  # every wait ends when its condition holds
        contexts.append(context)
        log = PageLog(allowed)
        context.route("**/*", log.on_route)
        page = context.new_page()
        page.on("request", log.on_request)
        page.on("console", log.on_console)
        page.on("pageerror", log.on_page_error)
        return page, log

    yield factory
    for context in contexts:
        context.close()
