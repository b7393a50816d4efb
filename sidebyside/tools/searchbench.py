"""Search weight and speed: the index size and the time from keystroke to results.

Reports the search index's raw and gzipped size, and for a few queries
typed into the offline zip's search box (file://, the slowest way readers
search: the index loads through the iframe worker shim), the time from the
last keystroke to the last change of the result list, median of five.
Figures go in notes; no test asserts a time.

    python -m sidebyside.tools.searchbench [--site DIR]   (an unpacked offline build)
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import tempfile
import zipfile
from pathlib import Path

from sidebyside.site.sitebuild import ZIP_NAME, build_offline_zip
from sidebyside.tools.chromium import CHROMIUM, launch

BUDGET_KB = 150
"""Gzipped search index every reader downloads before the first result."""
QUERIES = ("tf.function", "DistributedDataParallel", "TorchServe", "padding same stride 2", "safetensors")
REPEATS = 5
_WATCH = """() => {
  const list = document.querySelector('.md-search-result__list');
  window.__sbsChanged = 0;
  new MutationObserver(() => { window.__sbsChanged = performance.now(); })
    .observe(list, {childList: true, subtree: true, characterData: true});
}"""


def index_size(site: Path) -> tuple[int, int]:
    """Raw and gzipped bytes of the search index."""
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, 9))


def over_budget(site: Path, budget_kb: int = BUDGET_KB) -> str | None:
    """Why the index is too heavy for ``site``, or None when it fits the budget."""
    _, packed = index_size(site)
    if packed <= budget_kb * 1024:
        return None
    return (f"{site / 'search' / 'search_index.json'}: {packed / 1024:.0f} KB gzipped, over the {budget_kb} KB budget; "
            "keep boilerplate out of the index (sidebyside/site/search_terms.py)")


def time_to_results(site: Path, executable: Path | str = CHROMIUM) -> dict[str, float]:
    """Median milliseconds from the last keystroke to the last result-list change, per query."""
    from playwright.sync_api import sync_playwright

    times: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = launch(playwright, executable)
        page = browser.new_page()
        page.goto((site / "index.html").as_uri(), wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("warm")  # the first query loads the index; time the ones after it
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
        page.evaluate(_WATCH)
        for query in QUERIES:
            samples = []
            for _ in range(REPEATS):
                box.fill("")
                box.press_sequentially(query[:-1])
                start = page.evaluate("() => { window.__sbsChanged = 0; return performance.now(); }")
                box.press(query[-1])
                page.wait_for_function("t => window.__sbsChanged > t", arg=start, timeout=120_000)
                settled = page.evaluate("() => new Promise(r => setTimeout(() => r(window.__sbsChanged), 500))")
                samples.append(settled - start)
            times[query] = statistics.median(samples)
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.searchbench", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an unpacked offline build (default: build the zip and unpack it)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sbs-searchbench-") as tmp:
        site = args.site
        if site is None:
            archive = build_offline_zip(Path(tmp) / "build", Path(tmp) / f"{ZIP_NAME}.zip")
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(Path(tmp) / "unzipped")
            site = Path(tmp) / "unzipped" / ZIP_NAME
        raw, packed = index_size(site)
        print(f"search index: {raw / 1024:.0f} KB, {packed / 1024:.0f} KB gzipped (budget {BUDGET_KB} KB)")
        for query, ms in time_to_results(site).items():
            print(f"keystroke to results, {query!r}: {ms:.0f} ms (median of {REPEATS})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
