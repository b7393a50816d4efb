"""Screenshots of the hosted build for human review (not compared pixel by pixel).

The pages a reader lands on (home, comparison table, flowchart, chooser,
benchmarks, one topic, one notebook), light and dark, phone and desktop widths, written
to screenshots/ (git-ignored). A person looks at them after layout or theme
changes; the browser tests check behaviour, this shows appearance.

    python -m sidebyside.tools.screenshots [--out DIR] [--site DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sidebyside import ROOT
from sidebyside.site.serve import serve
from sidebyside.site.sitebuild import build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
PAGES = {
    "home": "",
    "comparison": "decide/comparison/",
    "flowchart": "decide/flowchart/",
    "chooser": "decide/chooser/",
    "benchmarks": "decide/benchmarks/",
    "deployment": "topics/deployment/",
    "notebook": "notebooks/same-task-both-frameworks/",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")


def capture(site: Path, out: Path, executable: str = CHROMIUM) -> list[Path]:
    """Write one full-page PNG per page x scheme x viewport; return their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            for scheme in SCHEMES:
                for device, viewport in VIEWPORTS.items():
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=device == "phone",
                                                  device_scale_factor=1)
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(base + path, wait_until="networkidle")
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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sbs-shots-") as tmp:
        site = args.site or build(Path(tmp) / "site")
        for path in capture(site, args.out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
