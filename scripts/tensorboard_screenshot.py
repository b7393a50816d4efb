"""Regenerate docs/assets/images/tensorboard-both-runs.png from a real TensorBoard.

The visualization page claims that one TensorBoard shows runs written by
TensorFlow and by PyTorch side by side. This script proves it with the same
code the page shows: it runs the ``visualization/loss-curve`` pair (both
halves), points ``tensorboard`` at the logs on 127.0.0.1, waits until the
server lists all four runs, captures the Scalars dashboard with headless
Chromium (Playwright driving the system ``chromium``), then stops the server.

    make tensorboard-screenshot        # or: .venv/bin/python scripts/tensorboard_screenshot.py

Nothing leaves the machine: the server listens on loopback only and Chromium
runs with background networking off.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sidebyside.pairs.runner import base_env  # noqa: E402 - needs the repository on sys.path
from sidebyside.tools.chromium import CHROMIUM, launch  # noqa: E402

PAIR = ROOT / "snippets" / "visualization" / "loss-curve"
OUTPUT = ROOT / "docs" / "assets" / "images" / "tensorboard-both-runs.png"
EXPECTED_RUNS = {"tensorflow/train", "tensorflow/validation", "pytorch/train", "pytorch/validation"}
SERVING_RE = re.compile(r"TensorBoard \S+ at (http://127\.0\.0\.1:\d+)/")
"""The line TensorBoard prints when it starts serving (tensorboard/program.py, print_serving_message)."""
WIDTH, HEIGHT = 1200, 720
"""Viewport in CSS pixels; the PNG is saved at this size (device scale 1)."""


def write_runs(logdir: Path) -> None:
    """Run both halves of the pair; move each one's ``logs/`` to ``logdir/<framework>``."""
    env = base_env()
    for framework in ("tensorflow", "pytorch"):
        with tempfile.TemporaryDirectory(prefix="sbs-tb-") as workdir:
            script = PAIR.with_name(f"{PAIR.name}.{framework}.py")
            subprocess.run([sys.executable, str(script)], cwd=workdir, env=env, check=True,
                           stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=300)
            shutil.move(os.path.join(workdir, "logs"), logdir / framework)


def start_tensorboard(logdir: Path, timeout: float = 300.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``tensorboard`` on a loopback port and return the process and its URL once it serves.

    ``--port 0`` lets the server bind a port the OS picks and keep it, so no
    other process can take the port between choosing and binding it. The
    URL is read from the line TensorBoard prints when it starts serving;
    the wait ends as soon as that line appears (``timeout`` is only a ceiling).
    """
    handle, log_name = tempfile.mkstemp(prefix="sbs-tensorboard-", suffix=".log")
    log = Path(log_name)
    try:
        server = subprocess.Popen(
            [sys.executable, "-m", "tensorboard.main", "--logdir", str(logdir), "--host", "127.0.0.1",
             "--port", "0", "--load_fast=false", "--reload_interval", "1"],
            env=base_env(), stdout=subprocess.DEVNULL, stderr=handle, stdin=subprocess.DEVNULL,
        )
    finally:
        os.close(handle)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = SERVING_RE.search(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            log.unlink(missing_ok=True)
            return server, found.group(1)
        if server.poll() is not None:
            break
        time.sleep(0.2)
    output = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    log.unlink(missing_ok=True)
    stop(server)
    raise RuntimeError(f"tensorboard did not start serving within {timeout:.0f} s (status {server.returncode}):\n{output}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server we started (and only it), politely first."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wait_for_runs(url: str, server: subprocess.Popen[bytes], expected: set[str], timeout: float = 120.0) -> list[str]:
    """Poll TensorBoard's run list until it has every expected run (or fail loudly)."""
    deadline = time.monotonic() + timeout
    runs: list[str] = []
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"tensorboard exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/data/runs", timeout=5) as response:  # noqa: S310 - loopback URL we built
                runs = json.load(response)
            if expected <= set(runs):
                return runs
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"tensorboard at {url} did not list {sorted(expected)} in {timeout:.0f} s (got {runs})")


def capture(url: str) -> bytes:
    """Open the Scalars dashboard with smoothing off and return a PNG of the viewport."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(f"{url}/?smoothing=0#timeseries", wait_until="networkidle")
            page.get_by_text("epoch_loss", exact=True).first.wait_for(timeout=60_000)
            # Show only the loss chart (Keras also logs epoch_learning_rate) and hide the side panel.
            page.get_by_role("combobox", name="Filter tags (regex)").fill("^epoch_loss$")
            page.keyboard.press("Escape")
            settings_close = page.locator("button[aria-label='Close side pane']")
            if settings_close.count():
                settings_close.first.click()
            # Full-width card, so the data table lists all four runs' final values.
            page.locator("button[aria-label='Toggle full size mode']").first.click()
            page.wait_for_timeout(2000)  # let the chart finish its first draw
            return page.screenshot(full_page=False)
        finally:
            browser.close()


def compress(png: bytes) -> bytes:
    """Quantise to a small palette: UI screenshots have few colours, so this stays sharp."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"PNG to write (default {OUTPUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} not found; install it with: apt-get install -y chromium (or run 'make browser')", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="sbs-tb-logs-") as logdir:
        write_runs(Path(logdir))
        server, url = start_tensorboard(Path(logdir))
        try:
            runs = wait_for_runs(url, server, EXPECTED_RUNS)
            png = compress(capture(url))
        finally:
            stop(server)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(png)
    print(f"runs: {', '.join(sorted(runs))}")
    print(f"wrote {args.output} ({len(png) / 1024:.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
