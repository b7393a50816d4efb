"""The one headless Chromium the tests, the audit and the capture tools start: Debian's, with the same flags.

Why one place: the flags keep the browser from calling home (sync, component
updates, background networking, QUIC), and a flag added to one caller and not
the others would make a test and the tool it mirrors see different browsers.
``CHROMIUM_PATH`` points elsewhere (e.g. a Chromium outside /usr/bin).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
"""Debian's ``chromium`` package (``make system-deps``)."""

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
"""Command-line flags for every start: headless, no sandbox (root in CI), nothing that reaches the network."""


def launch(playwright: Any, executable: Path | str = CHROMIUM) -> Any:
    """Start the browser through Playwright (``executable`` for a Chromium elsewhere)."""
    return playwright.chromium.launch(executable_path=str(executable), args=ARGS, headless=True)
