"""Fixtures for tests on the built site: hosted build, offline zip, Chromium.

The sites are built once per test run: the first xdist worker that needs a
build makes it under the run's shared temp dir while holding a file lock,
the others wait and reuse it. Tests only read the builds. The ``browser``
fixture itself lives in ``tests/conftest.py`` so every browser test in a
worker shares one Playwright instance.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.site.serve import serve
from sidebyside.site.sitebuild import ZIP_NAME, build, build_offline_zip, site_prefix

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")


def doc_pages(suffixes: tuple[str, ...] = (".md", ".ipynb")) -> list[str]:
    """Every docs/ page (Markdown and notebooks) as a docs-relative path without suffix ('topics/debugging')."""
    docs = ROOT / "docs"
    return sorted(p.relative_to(docs).with_suffix("").as_posix() for p in docs.rglob("*") if p.suffix in suffixes)


def hosted_path(page: str) -> str:
    """URL path of a page in the hosted build (directory URLs)."""
    if page == "index":
        return ""
    return (page[: -len("/index")] if page.endswith("/index") else page) + "/"


def offline_path(page: str) -> str:
    """File path of a page in the offline build (no directory URLs)."""
    return page + ".html"


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """``make(dir)`` once per test run, shared by all xdist workers (file lock), then read-only."""
    base = tmp_path_factory.getbasetemp()
    run_dir = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # parent = this run's dir under xdist
    target = run_dir / f"sbs-{name}"
    with open(run_dir / f"sbs-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (run_dir / f"sbs-{name}.done").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            (run_dir / f"sbs-{name}.done").touch()
    return target


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as deployed to GitHub Pages."""
    return built_once(tmp_path_factory, "hosted", lambda d: build(d / "site")) / "site"


def _offline(work: Path) -> None:
    """Build the zip exactly as ``make offline`` does, then unpack it as a reader would."""
    zip_path = build_offline_zip(work / "build", work / f"{ZIP_NAME}.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "unzipped")


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip that ``make offline`` produces."""
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
    """Base URL of the hosted build served on 127.0.0.1 like GitHub Pages."""
    with serve(hosted_site) as url:
        yield url


class PageLog:
    """What a page did: requests that left the allowed origin, console errors."""

    def __init__(self, allowed: tuple[str, ...]) -> None:
        self.allowed = allowed
        self.offenders: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []

    def on_route(self, route) -> None:  # type: ignore[no-untyped-def] - Playwright Route
        """Let allowed requests through; record and block everything else."""
        url = route.request.url
        if url.startswith(self.allowed):
            self.requests.append(url)
            route.continue_()
        else:
            self.offenders.append(url)
            route.abort()

    def on_request(self, request) -> None:  # type: ignore[no-untyped-def] - Playwright Request
        """Second net: requests a route handler might not see (e.g. from workers)."""
        if not request.url.startswith(self.allowed) and request.url not in self.offenders:
            self.offenders.append(request.url)

    def on_console(self, message) -> None:  # type: ignore[no-untyped-def] - Playwright ConsoleMessage
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error) -> None:  # type: ignore[no-untyped-def]
        self.errors.append(f"uncaught: {error}")


@pytest.fixture
def open_page(browser):  # type: ignore[no-untyped-def]
    """Factory: a fresh context + page whose requests outside ``allowed`` are blocked and logged."""
    contexts = []

    def factory(allowed: tuple[str, ...], **context_options):  # type: ignore[no-untyped-def]
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        log = PageLog(allowed)
        context.route("**/*", log.on_route)
        page = context.new_page()
        page.on("request", log.on_request)
        page.on("console", log.on_console)
        page.on("pageerror", log.on_page_error)
        return page, log

    yield factory
    for context in contexts:
        context.close()
