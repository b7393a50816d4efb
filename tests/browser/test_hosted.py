"""The hosted build, served like GitHub Pages on 127.0.0.1: axe-core, own-origin requests, weight list."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import doc_pages, hosted_path
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sidebyside import ROOT
from sidebyside.tools.pageweight import page_weight

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def page_file(site: Path, page: str) -> Path:
    return site / hosted_path(page) / "index.html" if hosted_path(page) else site / "index.html"


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} missing; run 'make npm' (npm ci installs the pinned axe-core)")
    return AXE.read_text(encoding="utf-8")


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""axe rules whose outcome depends on colours: the only ones the second scheme can change (same DOM, other CSS)."""


CODE_SETTLED = """() => [...document.querySelectorAll('pre > code')]
  .every(code => code.scrollWidth <= code.clientWidth || code.hasAttribute('tabindex'))
  && document.getAnimations().every(a => a.playState !== 'running')"""
"""The theme makes a code block that scrolls focusable from a resize observer, after load: on a loaded host that
can come after the network is idle, and axe would call the block unreachable by keyboard. Colour transitions
still running (the scheme applied at load) would show axe colours halfway between the two schemes."""


def axe_violations(tab, options: dict) -> list[str]:  # type: ignore[no-untyped-def]
    try:
        tab.wait_for_function(CODE_SETTLED, timeout=15_000, polling=100)
    except PlaywrightTimeout:
        pass  # a block the theme never makes focusable: axe reports it below, by name
    result = tab.evaluate("options => axe.run(document, options)", {**options, "resultTypes": ["violations"]})
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    return [f"{v['impact']}: {v['id']} ({len(v['nodes'])}x) {v['help']} e.g. {v['nodes'][0]['target']}" for v in blocking]


PALETTE = "() => [document.body.dataset.mdColorScheme, document.body.dataset.mdColorPrimary, document.body.dataset.mdColorAccent]"
"""What a palette sets on the page: scheme, primary and accent colour."""

DARK_TOGGLE = "label[title='Switch to dark mode']"
"""The header's palette button in the light scheme (mkdocs.yml: theme.palette[0].toggle.name)."""


def switch_to_dark(tab) -> list[str]:  # type: ignore[no-untyped-def]
    """Press the header's palette button, as a reader does; the body's palette attributes once it took effect."""
    tab.locator(DARK_TOGGLE).click()
    tab.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    return tab.evaluate(PALETTE)


@pytest.mark.parametrize("page", doc_pages())
def test_page_loads_from_its_own_origin_and_passes_axe_in_both_schemes(  # type: ignore[no-untyped-def]
    hosted_site: Path, hosted_url: str, prefix: str, open_page, axe_source: str, page: str
) -> None:
    """One load per page: no third-party request or console error, every file on the weight list, then axe-core.

    axe runs every rule in the light scheme, then the colour rules again in
    the dark one, switched on in the same tab with the header's palette
    button (the DOM is the same, only the colours change, so no other rule
    can give another answer; a dark-mode reader arriving gets the same
    palette, ``test_dark_arrival_is_the_scheme_the_toggle_gives``).
    """
    shown = hosted_path(page) or "/"
    origin = hosted_url.split(prefix)[0]
    tab, log = open_page((origin,), color_scheme="light")
    tab.goto(hosted_url + hosted_path(page), wait_until="networkidle")
    problems = [f"requested another origin: {url}" for url in log.offenders]
    problems += [f"logged an error: {error}" for error in log.errors]
    loaded = {urlsplit(url).path[len(prefix):] for url in log.requests}
    loaded = {p + "index.html" if p.endswith("/") or not p else p for p in loaded}
    weight = page_weight(hosted_site, page_file(hosted_site, page), prefix)
    missing = sorted(loaded - set(weight.resources) - set(weight.deferred))
    if missing:
        problems.append(f"pageweight misses files the browser loaded: {missing}")
    tab.add_script_tag(content=axe_source)
    problems += [f"axe (light): {line}" for line in axe_violations(tab, {})]
    switch_to_dark(tab)
    problems += [f"axe (dark): {line}" for line in axe_violations(tab, {"runOnly": {"type": "rule", "values": COLOUR_RULES}})]
    assert not problems, f"{shown}:\n" + "\n".join(problems)


def test_dark_arrival_is_the_scheme_the_toggle_gives(hosted_url: str, prefix: str, open_page) -> None:  # type: ignore[no-untyped-def]
    """The axe test above checks dark pages switched by the button; a reader whose system is dark gets them on arrival.

    Both must set the same palette on the page, so that what axe checked is what that reader sees.
    """
    origin = hosted_url.split(prefix)[0]
    arriving, _ = open_page((origin,), color_scheme="dark")
    arriving.goto(hosted_url, wait_until="load")
    arrived = arriving.evaluate(PALETTE)
    light, _ = open_page((origin,), color_scheme="light")
    light.goto(hosted_url, wait_until="load")
    assert light.evaluate("() => document.body.dataset.mdColorScheme") == "default"
    assert switch_to_dark(light) == arrived, "the palette button gives another dark palette than a dark-mode reader gets on arrival"


def test_unknown_path_gets_the_404_page(hosted_url: str, open_page) -> None:  # type: ignore[no-untyped-def]
    origin = hosted_url.split("/tf-vs-pytorch/")[0]
    tab, log = open_page((origin,))
    response = tab.goto(hosted_url + "no/such/page/")
    assert response is not None and response.status == 404
    assert "404" in tab.locator("h1").first.inner_text()
    assert tab.locator("link[rel=stylesheet]").count() >= 2
    assert tab.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky", "404 page must load the theme CSS"
    others = [e for e in log.errors if "404 (Not Found)" not in e]  # the browser logs the 404 status itself
    assert not others, "\n".join(others)
