"""Checks on the built HTML (no browser): links and anchors, page weight, meta, sitemap, 404."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import doc_pages, hosted_path

from sidebyside import ROOT
from sidebyside.site.sitebuild import site_prefix
from sidebyside.tools.linkcheck import check_site, external_report
from sidebyside.tools.pageweight import BUDGET_KB, over_budget, page_weight, report, site_weights

META_RE = re.compile(r'<meta name="description" content="([^"]*)"')
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def front_matter_description(page: str) -> str:
    """The page's ``description:``; fails with the reason when the front matter is unusable."""
    text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        pytest.fail(f"docs/{page}.md:1: no front matter; start the page with '---', 'description: <one sentence>', '---'")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        pytest.fail(f"docs/{page}.md: front matter is not valid YAML ({error.problem}); quote values that contain ': '")
    return str((meta or {}).get("description") or "").strip()


def built_page(site: Path, page: str) -> Path:
    return site / hosted_path(page) / "index.html"


# --- links -------------------------------------------------------------------

def test_hosted_build_has_no_broken_internal_link_or_anchor(hosted_site: Path, prefix: str, tmp_path: Path) -> None:
    broken, external = check_site(hosted_site, prefix)
    assert not broken, "broken links in the hosted build:\n" + "\n".join(map(str, broken))
    report_file = tmp_path / "external-links.txt"
    report_file.write_text(external_report(external), encoding="utf-8")
    assert report_file.read_text(encoding="utf-8").startswith(f"# {len(external)} external links")


def test_offline_build_has_no_broken_internal_link_or_anchor(offline_site: Path) -> None:
    broken, _ = check_site(offline_site, site_prefix())
    assert not broken, "broken links in the offline build:\n" + "\n".join(map(str, broken))


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def test_linkcheck_names_page_and_link_for_each_kind_of_breakage(tmp_path: Path) -> None:
    site = write_site(tmp_path, {
        "index.html": '<a href="a/">ok</a><a href="a/#there">ok</a><a href="a/#nowhere">bad anchor</a>'
                      '<a href="missing/">bad page</a><a href="#top" id="top">self</a><a href="https://example.org/x">ext</a>',
        "a/index.html": '<h2 id="there">T</h2><script src="../js/gone.js"></script><img src="https://cdn.example.org/i.png">',
    })
    broken, external = check_site(site)
    assert sorted(map(str, broken)) == [
        "a/index.html: loads an external asset (the site must be self-hosted): 'https://cdn.example.org/i.png'",
        "a/index.html: points at a file that is not in the built site: '../js/gone.js'",
        "index.html: anchor '#nowhere' does not exist on a/index.html: 'a/#nowhere'",
        "index.html: points at a file that is not in the built site: 'missing/'",
    ]
    assert external == {"https://example.org/x": ["index.html"]}


# --- page weight ---------------------------------------------------------------

def test_every_page_first_load_is_within_budget(hosted_site: Path, prefix: str) -> None:
    weights = site_weights(hosted_site, prefix)
    assert len(weights) >= len(doc_pages()), "every page must be measured"
    over = over_budget(weights)
    assert not over, f"over the {BUDGET_KB} KB first-load budget:\n" + report(over)


def test_pageweight_fails_and_names_a_page_over_budget(tmp_path: Path) -> None:
    big = "".join(f"<p>{i} {i * 7919 % 104729:x}</p>" for i in range(60_000))  # poorly compressible
    site = write_site(tmp_path, {
        "index.html": '<link rel="stylesheet" href="s.css"><p>small</p>',
        "heavy/index.html": f'<link rel="stylesheet" href="../s.css"><script src="../app.js"></script>{big}',
        "s.css": "body{background:url(img/bg.png)}",
        "app.js": "console.log(1)",
        "img/bg.png": "x" * 10,
    })
    weights = site_weights(site)
    assert [w.page for w in over_budget(weights)] == ["heavy/index.html"]
    assert set(weights[0].resources) == {"heavy/index.html", "s.css", "img/bg.png", "app.js"}
    assert "heavy/index.html  OVER BUDGET" in report(weights)


def test_pageweight_reports_a_missing_asset(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"index.html": '<script src="gone.js"></script>'})
    with pytest.raises(FileNotFoundError, match=r"index\.html: loads 'gone\.js', which is not in the built site"):
        page_weight(site, site / "index.html")


# --- meta, sitemap, 404 --------------------------------------------------------

def test_every_built_page_has_a_meta_description(hosted_site: Path) -> None:
    """Notebooks and the 404 page included (they fall back to the site description)."""
    missing = [p.relative_to(hosted_site).as_posix() for p in sorted(hosted_site.rglob("*.html"))
               if not any(d.strip() for d in META_RE.findall(p.read_text(encoding="utf-8")))]
    assert not missing, f"pages without a meta description: {missing}"


@pytest.mark.parametrize("page", doc_pages((".md",)))
def test_page_has_its_own_meta_description(hosted_site: Path, page: str) -> None:
    wanted = front_matter_description(page)
    assert wanted, f"docs/{page}.md: no 'description:' in the front matter; add one sentence for search engines"
    found = META_RE.findall(built_page(hosted_site, page).read_text(encoding="utf-8"))
    assert found and found[0].strip(), f"{hosted_path(page) or '/'}: built page has no meta description"
    assert html.unescape(found[0]) == wanted, f"{hosted_path(page)}: meta description is not the page's own (or is cut short)"


def test_sitemap_lists_every_page_under_site_url(hosted_site: Path) -> None:
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    assert site_url.startswith("https://"), "site_url must be set (canonical links, sitemap, 404 page assets)"
    tree = ET.parse(hosted_site / "sitemap.xml")
    locs = {el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    expected = {site_url.rstrip("/") + "/" + hosted_path(page) for page in doc_pages()}
    assert expected <= locs, f"sitemap.xml misses {sorted(expected - locs)}"
    assert (hosted_site / "sitemap.xml.gz").is_file()


def test_404_page_exists_and_uses_absolute_asset_urls(hosted_site: Path, prefix: str) -> None:
    """GitHub Pages serves 404.html at any depth, so its assets must not be page-relative."""
    text = (hosted_site / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="([^"]+)"', text)
    assert assets, "404.html loads no theme assets"
    relative = [a for a in assets if not a.startswith(prefix)]
    assert not relative, f"404.html has page-relative asset URLs that break below the site root: {relative}"
