"""Reading on a phone and running what is read: chooser buttons at 390 px, downloads, Colab links.

Every page's layout at 390 px is checked in test_phone_layout.py (one load per page).

Browser checks wait for conditions (Playwright's auto-waiting locators and
``wait_for_function``), never for fixed times.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sidebyside import ROOT
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.expand import download_path, shown_lines, shown_text

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MIN_TAP = 44
"""Smallest tap target in CSS pixels (WCAG 2.5.5 and Material's own guidance)."""

_DOWNLOAD_RE = re.compile(r'<a href="([^"]+)" download="([^"]+)">download script</a>')
_COLAB_RE = re.compile(r'href="https://colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/main/([^"]+)"')
PAIRS = discover()


def test_chooser_buttons_are_big_enough_to_tap(hosted_url: str, open_page) -> None:  # type: ignore[no-untyped-def]
    origin = hosted_url.split("/tf-vs-pytorch/")[0]
    tab, _ = open_page((origin,), **PHONE)
    tab.goto(hosted_url + "decide/chooser/", wait_until="load", timeout=120_000)
    first = tab.locator(".sbs-answers .md-button:visible").first
    first.click()
    tab.locator(".sbs-controls .md-button:visible").first.wait_for()
    buttons = tab.locator(".sbs-controls .md-button:visible, .sbs-answers .md-button:visible")
    heights = [box["height"] for box in (buttons.nth(i).bounding_box() for i in range(buttons.count())) if box]
    assert heights, "the chooser shows no buttons"
    assert min(heights) >= MIN_TAP, f"chooser buttons {min(heights):.0f} px tall; readers tap them: make them >= {MIN_TAP} px"


def test_every_pair_half_has_a_download_of_exactly_the_code_shown(hosted_site: Path) -> None:
    """Numbers on the page start at 1 and match the downloaded script line for line."""
    problems: list[str] = []
    for pair in PAIRS.values():
        page = hosted_site / "topics" / pair.topic / "index.html"
        if not page.is_file():
            continue  # pairs not under topics/ (porting, ...) are found by the check below
        html = page.read_text(encoding="utf-8")
        for half in pair.halves.values():
            href = f"{download_path(half)}"
            if f'/{href}" download="{half.path.name}"' not in html:
                problems.append(f"{pair.key} {half.label}: no download link on {page.relative_to(hosted_site)}")
                continue
            served = (hosted_site / href).read_text(encoding="utf-8")
            if served != shown_text(half):
                problems.append(f"{pair.key} {half.label}: downloaded file is not the shown code")
            start, end = shown_lines(half)
            if served.count("\n") != end - start + 1:
                problems.append(f"{pair.key} {half.label}: download has {served.count(chr(10))} lines, page shows {end - start + 1}")
    assert not problems, "\n".join(problems)


def test_every_download_link_resolves_in_both_builds(hosted_site: Path, offline_site: Path) -> None:
    """Relative links, so 'download script' works on the hosted site and from file:// in the zip."""
    missing: list[str] = []
    for site in (hosted_site, offline_site):
        for page in site.rglob("*.html"):
            for href, name in _DOWNLOAD_RE.findall(page.read_text(encoding="utf-8")):
                target = urlsplit(urljoin(page.as_uri(), href)).path
                if not Path(target).is_file() or Path(target).name != name:
                    missing.append(f"{page.relative_to(site)}: {href}")
    assert not missing, "download links to nothing:\n" + "\n".join(missing[:20])


def test_line_numbers_start_at_one(hosted_site: Path) -> None:
    page = (hosted_site / "topics" / "execution-model" / "index.html").read_text(encoding="utf-8")
    firsts = re.findall(r'<code[^>]*>(?:<span id="__span-\d+-1">)?(?:<a [^>]*></a>)?<span class="linenos" data-linenos="\s*(\d+)\s*"', page)
    assert firsts and set(firsts) == {"1"}, f"code blocks start at line {sorted(set(firsts))}"


def test_every_notebook_page_opens_in_colab_from_the_repository(hosted_site: Path) -> None:
    notebooks = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))
    assert notebooks
    for notebook in notebooks:
        html = (hosted_site / "notebooks" / notebook.stem / "index.html").read_text(encoding="utf-8")
        links = _COLAB_RE.findall(html)
        assert links, f"notebooks/{notebook.stem}: no 'Open in Colab' link"
        _repo, path = links[0]
        assert path == notebook.relative_to(ROOT).as_posix(), f"Colab link points at {path}, not the notebook"
        assert (ROOT / path).is_file()
        assert f'href="{notebook.name}" download' in html, f"notebooks/{notebook.stem}: no download link"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_benchmark_charts_follow_the_colour_scheme(hosted_url: str, open_page, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """Each chart exists once per scheme and only the current scheme's variant is shown."""
    origin = hosted_url.split("/tf-vs-pytorch/")[0]
    tab, _ = open_page((origin,), color_scheme=scheme)
    tab.goto(hosted_url + "decide/benchmarks/", wait_until="load", timeout=120_000)
    charts = tab.locator(".sbs-chart img")
    # lazy images have no size until scrolled to: ask the style, not the box
    shown = tab.evaluate("""() => [...document.querySelectorAll('.sbs-chart img')]
        .filter(img => getComputedStyle(img).display !== 'none').map(img => img.getAttribute('src'))""")
    wanted = "#only-dark" if scheme == "dark" else "#only-light"
    assert charts.count() >= 2 and charts.count() % 2 == 0, "every chart needs a light and a dark variant"
    assert shown and all(src.endswith(wanted) for src in shown), f"{scheme} scheme shows {shown}"
