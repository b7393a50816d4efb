"""The hosted build, served like GitHub Pages on 127.0.0.1: axe-core, own-origin requests, weight list."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import doc_pages, hosted_path

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", doc_pages())
def test_axe_finds_no_serious_violations(hosted_url: str, open_page, axe_source: str, page: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    origin = hosted_url.split("/tf-vs-pytorch/")[0]
    tab, _ = open_page((origin,), color_scheme=scheme)
    tab.goto(hosted_url + hosted_path(page), wait_until="load")
    tab.add_script_tag(content=axe_source)
    result = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    lines = [f"{v['impact']}: {v['id']} ({len(v['nodes'])}x) {v['help']} e.g. {v['nodes'][0]['target']}" for v in blocking]
    assert not lines, f"axe-core on {hosted_path(page) or '/'} ({scheme}):\n" + "\n".join(lines)


@pytest.mark.parametrize("page", doc_pages())
def test_first_load_stays_on_the_site_and_matches_the_weight_list(  # type: ignore[no-untyped-def]
    hosted_site: Path, hosted_url: str, prefix: str, open_page, page: str
) -> None:
    """No third-party request, no console error, and the page-weight script counts every file loaded."""
    origin = hosted_url.split(prefix)[0]
    tab, log = open_page((origin,))
    tab.goto(hosted_url + hosted_path(page), wait_until="networkidle")
    assert not log.offenders, f"{hosted_path(page) or '/'} requested other origins:\n" + "\n".join(log.offenders)
    assert not log.errors, f"{hosted_path(page) or '/'} logged errors:\n" + "\n".join(log.errors)
    loaded = {urlsplit(url).path[len(prefix):] for url in log.requests}
    loaded = {p + "index.html" if p.endswith("/") or not p else p for p in loaded}
    weight = page_weight(hosted_site, page_file(hosted_site, page), prefix)
    counted = set(weight.resources) | set(weight.deferred)
    missing = sorted(loaded - counted)
    assert not missing, f"pageweight misses files the browser loaded for {hosted_path(page) or '/'}: {missing}"


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
