"""The offline zip's 404.html works from file://: every link and asset it names exists beside it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sidebyside.site.offline import relative_404

_URL_RE = re.compile(r'\b(?:href|src)="([^"]*)"')


def broken_links(page: Path) -> list[str]:
    """Each link or asset URL in ``page`` that names no file once read from file://."""
    broken = []
    for url in _URL_RE.findall(page.read_text(encoding="utf-8")):
        parts = urlsplit(url)
        if parts.scheme or url.startswith(("#", "//")) or not parts.path:
            continue
        target = (page.parent / unquote(parts.path)) if not parts.path.startswith("/") else Path(unquote(parts.path))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{page.name}: {url} names no file from file:// ({target})")
    return broken


def test_offline_404_links_and_assets_resolve(offline_site: Path) -> None:
    broken = broken_links(offline_site / "404.html")
    assert not broken, "\n".join(broken[:10])


def test_an_absolute_link_in_the_offline_404_is_named(tmp_path: Path) -> None:
    assert relative_404('<a href="/tf-vs-pytorch/">Home</a><link href="/tf-vs-pytorch/assets/a.css">', "/tf-vs-pytorch/") == \
        '<a href="index.html">Home</a><link href="assets/a.css">'
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_text("", encoding="utf-8")
    page = tmp_path / "404.html"
    page.write_text('<link href="assets/a.css"><link href="/tf-vs-pytorch/assets/a.css">', encoding="utf-8")
    assert broken_links(page) == ["404.html: /tf-vs-pytorch/assets/a.css names no file from file:// (/tf-vs-pytorch/assets/a.css)"]
