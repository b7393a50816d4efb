"""MkDocs hook: make the offline build (``OFFLINE=true``) self-contained.

Material's offline plugin makes search work from ``file://`` by loading an
iframe-based Worker shim, but it points that shim at a CDN. Readers of the
offline zip may have no network at all, so this hook serves the shim from
``node_modules`` (pinned in package-lock.json) and copies it into the site.
It also removes instant navigation, which needs ``fetch`` and cannot work
from the file system, and makes 404.html's links relative: the hosted
404 page uses absolute URLs (GitHub Pages serves it at any depth), which
point nowhere from an unpacked zip. (The repository-stats fetch is dropped for every
build by overrides/partials/source.html.)

The hook does nothing unless Material's offline plugin is enabled, so the
hosted build and ``make serve`` never need npm.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from sidebyside import ROOT

SHIM_SOURCE = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
"""The vendored shim, installed by ``npm ci`` at the version in package-lock.json."""

SHIM_URL = "assets/javascripts/vendor/iframe-worker-shim.js"
"""Where the shim lands in the built site (the name must contain 'iframe-worker')."""

FETCHING_FEATURES = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress")
"""Theme features that load pages with fetch(), which file:// forbids."""


def offline_enabled(config: Any) -> bool:
    """True when Material's offline plugin is configured and enabled."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


@event_priority(100)  # before Material's offline plugin, which adds a CDN shim if none is set
def on_config(config: Any) -> Any:
    """Point the polyfill at the vendored shim and strip fetch-based features."""
    if not offline_enabled(config):
        return config
    if not SHIM_SOURCE.is_file():
        raise PluginError(
            f"{SHIM_SOURCE.relative_to(ROOT)}: missing, the offline build needs the vendored search shim; "
            "run 'make npm' (npm ci) first"
        )
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [SHIM_URL, *polyfills]
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if f not in FETCHING_FEATURES]
    return config


def on_files(files: Files, config: Any) -> Files:
    """Copy the shim into the offline site."""
    if offline_enabled(config):
        files.append(File.generated(config, SHIM_URL, abs_src_path=str(SHIM_SOURCE)))
    return files


def relative_404(html: str, prefix: str) -> str:
    """404.html (which sits at the site root) with links under ``prefix`` made relative to the root."""
    return html.replace(f'"{prefix}"', '"index.html"').replace(f'"{prefix}', '"')


def on_post_build(config: Any) -> None:
    """Rewrite 404.html's absolute links for file:// reading."""
    page = Path(config["site_dir"]) / "404.html"
    if offline_enabled(config) and page.is_file():
        prefix = urlsplit(config["site_url"] or "/").path or "/"
        page.write_text(relative_404(page.read_text(encoding="utf-8"), prefix if prefix.endswith("/") else prefix + "/"),
                        encoding="utf-8")


__all__ = ["offline_enabled", "on_config", "on_files", "on_post_build", "relative_404"]
