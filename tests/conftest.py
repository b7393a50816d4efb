"""Fixtures shared by every test directory.

The browser lives here, not beside the browser tests, because Playwright's
sync API allows one instance per process: every test that drives Chromium
in an xdist worker must share it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium per worker: Debian's chromium driven by Playwright.

    ``make browser`` installs it. Outside CI a missing browser skips with the
    command that fixes it; in CI (``CI=true``) it fails the run.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found; install it with 'make browser' (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


