"""Fixtures shared by every test directory: the one site build, the one offline zip, Chromium, fork servers.

Each expensive thing happens once per test run. The site is built once
(``hosted_site``) and the offline zip made once (``offline_zip``): the first
xdist worker that needs one builds it under the run's shared temp dir while
holding a file lock, the others wait and reuse it, and tests only read it.
A failed build is remembered, so the other workers fail at once with its
message instead of building again.

The browser lives here too, because Playwright's sync API allows one
instance per process: every test that drives Chromium in an xdist worker
must share it. ``fork_pool`` keeps one preloaded interpreter per framework
per worker for the snippet tests (``sidebyside.pairs.forkserver``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sidebyside.pairs.forkserver import ForkPool
from sidebyside.site.serve import serve
from sidebyside.site.sitebuild import ZIP_NAME, build, build_offline_zip, site_prefix
from sidebyside.tools.chromium import CHROMIUM, launch

WAIT_CEILING_MS = 120_000
"""Longest any browser step may wait for its condition. Waits end when the condition holds;
the ceiling only decides how long a broken page takes to fail, so it is generous for busy machines."""



def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("slow_timeout", "per-test limit in seconds for tests marked slow or browser (pytest-timeout)", default="900")
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.html from the current rendering")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start the slow tests first, so xdist workers do not end the run waiting on one long test.

    Tests marked ``slow`` or ``browser`` get the ``slow_timeout`` limit unless they set their own.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    slow = pytest.mark.timeout(float(config.getini("slow_timeout")))
    for item in items:
        if (item.get_closest_marker("slow") or item.get_closest_marker("browser")) and not item.get_closest_marker("timeout"):
            item.add_marker(slow)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium per worker: Debian's chromium driven by Playwright.

    ``make system-deps`` installs it. Outside CI a missing browser skips with the
    command that fixes it; in CI (``CI=true``) it fails the run.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found; install it with 'make system-deps' (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_CEILING_MS)
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def wait_ceiling_ms() -> int:
    """``WAIT_CEILING_MS`` for contexts: ``context.set_default_timeout(wait_ceiling_ms)``."""
    return WAIT_CEILING_MS


def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's temp dir, the same for every xdist worker (each worker's basetemp is a child of it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """``make(dir)`` once per test run, shared by all xdist workers (file lock), then read-only."""
    shared = run_dir(tmp_path_factory)
    target, done, failed = shared / f"sbs-{name}", shared / f"sbs-{name}.done", shared / f"sbs-{name}.failed"
    with open(shared / f"sbs-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            pytest.fail(f"the shared '{name}' build failed in another worker:\n{failed.read_text(encoding='utf-8')}", pytrace=False)
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            try:
                make(target)
            except Exception as error:
                failed.write_text(str(error), encoding="utf-8")
                raise
            done.touch()
    return target


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as deployed to GitHub Pages (``mkdocs build --strict``), built once per run."""
    return built_once(tmp_path_factory, "hosted", lambda d: build(d / "site")) / "site"


def _offline(work: Path) -> None:
    """Build the zip exactly as ``make offline`` does, then unpack it as a reader would."""
    zip_path = build_offline_zip(work / "build", work / f"{ZIP_NAME}.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "unzipped")


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip that ``make offline`` produces, made once per run."""
    return built_once(tmp_path_factory, "offline", _offline) / f"{ZIP_NAME}.zip"


@pytest.fixture(scope="session")
def offline_site(offline_zip: Path) -> Path:
    """The offline zip unpacked (tests read what is in the zip, not the build dir)."""
    return offline_zip.parent / "unzipped" / ZIP_NAME


@pytest.fixture(scope="session")
def prefix() -> str:
    return site_prefix()


@pytest.fixture(scope="session")
def hosted_url(hosted_site: Path) -> Iterator[str]:
    """Base URL of the hosted build served on 127.0.0.1 like GitHub Pages (one server per worker)."""
    with serve(hosted_site) as url:
        yield url


@pytest.fixture(scope="session")
def fork_pool() -> Iterator[ForkPool]:
    """Preloaded interpreters, one per framework, started when a snippet first needs one."""
    pool = ForkPool()
    yield pool
    pool.close()
