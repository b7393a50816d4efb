"""Check every in-site link and anchor of a built site; list external links.

MkDocs' validation sees Markdown links only. Theme templates, generated
HTML (pairs, tables, flowchart) and raw HTML in pages can still point at a
page, asset or ``#anchor`` that does not exist; this reads the built HTML,
so it checks what readers click. External links are collected into a
report for review and never fetched (tests have no network).

    python -m sidebyside.tools.linkcheck [SITE_DIR] [--report FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sidebyside.site.sitebuild import site_prefix
from sidebyside.tools.pageweight import resolve

IGNORED_SCHEMES = {"mailto", "tel", "javascript", "data", "blob"}


@dataclass(frozen=True)
class BrokenLink:
    """One link on ``page`` whose target is missing."""

    page: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.problem}: '{self.url}'"


class _PageScan(HTMLParser):
    """Ids on a page and the URLs it links to or loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and a.get("href") and "canonical" not in a.get("rel", ""):
            self.assets.append(a["href"])
        elif tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.assets.append(a["src"])


def _scan(path: Path, cache: dict[Path, _PageScan]) -> _PageScan:
    if path not in cache:
        scan = _PageScan()
        scan.feed(path.read_text(encoding="utf-8"))
        cache[path] = scan
    return cache[path]


def check_site(site: Path, prefix: str = "/") -> tuple[list[BrokenLink], dict[str, list[str]]]:
    """Broken in-site links/anchors/assets, and external URL -> pages that link to it."""
    cache: dict[Path, _PageScan] = {}
    broken: list[BrokenLink] = []
    external: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        scan = _scan(page, cache)
        for url, is_asset in [(u, False) for u in scan.links] + [(u, True) for u in scan.assets]:
            parts = urlsplit(url)
            if parts.scheme in IGNORED_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                if not is_asset and rel not in external[url]:
                    external[url].append(rel)
                elif is_asset:
                    broken.append(BrokenLink(rel, url, "loads an external asset (the site must be self-hosted)"))
                continue
            target = resolve(site, rel, url, prefix)
            if target is None or not target.is_file():
                broken.append(BrokenLink(rel, url, "points at a file that is not in the built site"))
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.suffix == ".html" and anchor not in _scan(target, cache).ids:
                where = target.relative_to(site).as_posix()
                broken.append(BrokenLink(rel, url, f"anchor '#{anchor}' does not exist on {where}"))
    return broken, dict(sorted(external.items()))


def external_report(external: dict[str, list[str]]) -> str:
    """Plain-text list: one external URL per line, then the pages that use it."""
    lines = [f"# {len(external)} external links (listed for review, not fetched)"]
    for url, pages in external.items():
        lines.append(url)
        lines.extend(f"    {page}" for page in pages)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.linkcheck", description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), help="built site directory (default: site)")
    parser.add_argument("--report", type=Path, default=Path("build/external-links.txt"), help="where to list external links")
    args = parser.parse_args(argv)
    broken, external = check_site(args.site, site_prefix())
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(external_report(external), encoding="utf-8")
    print(f"{len(external)} external links listed in {args.report}")
    for link in broken:
        print(f"error: {link}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
