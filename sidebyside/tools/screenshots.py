"""Screenshots of the hosted build for human review (not compared pixel by pixel).

Every page of the build (each ``index.html`` outside assets and downloads),
light and dark, phone and desktop widths, written to screenshots/
(git-ignored), named after the page's path ('topics-deployment-dark-phone.png'). A person looks at them after layout or theme
changes; the browser tests check behaviour, this shows appearance.

    python -m sidebyside.tools.screenshots [--out DIR] [--site DIR] [--page PATH ...]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sidebyside import ROOT
from sidebyside.site.serve import serve
from sidebyside.site.sitebuild import build
from sidebyside.tools.chromium import CHROMIUM, launch

NOT_PAGES = ("assets", "downloads", "search")
"""Top-level folders of a build that hold no reader-facing page."""
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")
SHOW_ALL = "* { content-visibility: visible !important; }"
"""Code off screen skips rendering until scrolled near (content-visibility: auto); a full-page picture is taken
without scrolling, so without this every pair below the first screen would show as an empty box."""


def site_pages(site: Path) -> dict[str, str]:
    """Screenshot name -> URL path of every page in a hosted build ('home' -> '', 'topics-deployment' -> ...)."""
    pages = {}
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site)
        if rel.parts and rel.parts[0] in NOT_PAGES:
            continue
        pages["-".join(rel.parts) or "home"] = rel.as_posix() + "/" if rel.parts else ""
    return pages


def capture(site: Path, out: Path, executable: Path | str = CHROMIUM, only: tuple[str, ...] = ()) -> list[Path]:
    """Write one full-page PNG per page x scheme x viewport; return their paths."""
    pages = {name: path for name, path in site_pages(site).items() if not only or path in only or name in only}
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright, executable)
        try:
            for scheme in SCHEMES:
                for device, viewport in VIEWPORTS.items():
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=device == "phone",
                                                  device_scale_factor=1)
                    page = context.new_page()
                    for name, path in pages.items():
                        page.goto(base + path, wait_until="networkidle")
                        page.add_style_tag(content=SHOW_ALL)
                        target = out / f"{name}-{scheme}-{device}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.screenshots", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--site", type=Path, help="an existing hosted build (default: build one)")
    parser.add_argument("--page", action="append", default=[], help="only this page (URL path or screenshot name)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sbs-shots-") as tmp:
        site = args.site or build(Path(tmp) / "site")
        for path in capture(site, args.out, only=tuple(args.page)):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
