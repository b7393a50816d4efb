"""Report the gzipped first-load weight of every built page.

First load = what a browser fetches to show a page from a cold cache: the
HTML, every stylesheet, script, icon and image it references, ``url()``
assets inside those stylesheets, and the search worker script Material
starts right after load. Each file is counted gzipped, as GitHub Pages
serves it. The budget is 150 KB per page for HTML + CSS + JS + images
(the budgets in ARCHITECTURE.md). The search index is data, not page code: the worker fetches it
after the page has rendered, once per visit for the whole site, so it is
reported on its own line instead of being added to every page. The browser
test checks this list against the requests Chromium really makes, so the
two cannot drift apart silently.

    python -m sidebyside.tools.pageweight [SITE_DIR] [--budget KB]
"""

from __future__ import annotations

import argparse
import gzip
import json
import posixpath
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sidebyside.site.sitebuild import site_prefix

BUDGET_KB = 150
"""Per-page first-load budget in KB (1 KB = 1000 bytes), gzipped."""

CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass
class PageWeight:
    """One page's first-load resources and their gzipped sizes in bytes."""

    page: str
    resources: dict[str, int] = field(default_factory=dict)
    deferred: dict[str, int] = field(default_factory=dict)
    """Fetched after render and shared by all pages (the search index): reported, not budgeted."""

    @property
    def total(self) -> int:
        return sum(self.resources.values())


class _Refs(HTMLParser):
    """Collects the URLs a page loads on first paint, and Material's config."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config_json = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and {"stylesheet", "icon", "preload", "modulepreload"} & set(rel) and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "iframe") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config_json += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


@cache
def gzipped_size(path: Path) -> int:
    """Bytes of ``path`` after gzip (level 6, what web servers typically use)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def resolve(site: Path, page_rel: str, url: str, prefix: str = "/") -> Path | None:
    """File in ``site`` that ``url`` (as written on ``page_rel``) points at; None if external."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("data:"):
        return None
    path = unquote(parts.path)
    if not path:
        return site / page_rel
    if path.startswith("/"):
        rel = path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    target = site / rel
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def _css_assets(site: Path, css: Path) -> list[Path]:
    """Files referenced by ``url()`` in a stylesheet (fonts, images)."""
    rel = css.relative_to(site).as_posix()
    found = []
    for url in CSS_URL_RE.findall(css.read_text(encoding="utf-8", errors="replace")):
        target = resolve(site, rel, url)
        if target is not None and target.is_file():
            found.append(target)
    return found


def page_weight(site: Path, page: Path, prefix: str = "/") -> PageWeight:
    """First-load resources of one built page."""
    rel = page.relative_to(site).as_posix()
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    weight = PageWeight(rel, {rel: gzipped_size(page)})
    urls = list(parser.urls)
    if parser.config_json.strip():
        config = json.loads(parser.config_json)
        if config.get("search"):  # the worker URL is already page-relative; the index sits under base
            urls.append(config["search"])
            for index in ("search/search_index.json", "search/search_index.js"):
                target = resolve(site, rel, posixpath.join(config.get("base", "."), index), prefix)
                if target is not None and target.is_file():
                    weight.deferred[target.relative_to(site).as_posix()] = gzipped_size(target)
    for url in urls:
        target = resolve(site, rel, url, prefix)
        if target is None:
            continue
        if not target.is_file():
            raise FileNotFoundError(f"{rel}: loads '{url}', which is not in the built site")
        extra = _css_assets(site, target) if target.suffix == ".css" else []
        for item in (target, *extra):
            weight.resources[item.relative_to(site).as_posix()] = gzipped_size(item)
    return weight


def site_weights(site: Path, prefix: str = "/") -> list[PageWeight]:
    """Every HTML page of the site, heaviest first."""
    pages = sorted(p for p in site.rglob("*.html") if p.is_file())
    return sorted((page_weight(site, p, prefix) for p in pages), key=lambda w: (-w.total, w.page))


def over_budget(weights: list[PageWeight], budget_kb: float = BUDGET_KB) -> list[PageWeight]:
    """Pages whose first load exceeds the budget."""
    return [w for w in weights if w.total > budget_kb * 1000]


def report(weights: list[PageWeight], budget_kb: float = BUDGET_KB) -> str:
    """A plain-text table: one line per page, heaviest first."""
    lines = [f"{'KB gz':>8}  {'files':>5}  page   (budget {budget_kb:g} KB: HTML + CSS + JS + images)"]
    for w in weights:
        flag = "  OVER BUDGET" if w.total > budget_kb * 1000 else ""
        lines.append(f"{w.total / 1000:8.1f}  {len(w.resources):5d}  {w.page}{flag}")
    deferred = {name: size for w in weights for name, size in w.deferred.items()}
    for name, size in sorted(deferred.items()):
        lines.append(f"{size / 1000:8.1f}      -  {name} (search data, fetched after render, shared by all pages)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.pageweight", description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), help="built site directory (default: site)")
    parser.add_argument("--budget", type=float, default=BUDGET_KB, help=f"KB per page (default {BUDGET_KB})")
    parser.add_argument("--verbose", action="store_true", help="list every resource of the heaviest page")
    args = parser.parse_args(argv)
    weights = site_weights(args.site, site_prefix())
    print(report(weights, args.budget))
    if args.verbose and weights:
        for name, size in sorted(weights[0].resources.items(), key=lambda kv: -kv[1]):
            print(f"    {size / 1000:8.1f}  {name}")
    over = over_budget(weights, args.budget)
    for w in over:
        print(f"error: {w.page}: first load is {w.total / 1000:.1f} KB gzipped, over the {args.budget:g} KB budget", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
