"""Small HTML helpers for renderers that emit raw HTML with in-site links.

MkDocs rewrites ``page.md#anchor`` links only inside Markdown; raw HTML
(tables with data attributes, inline SVG, the chooser's sections) is passed
through untouched. These helpers turn a docs-relative target into the URL
the built page needs, for both ``use_directory_urls`` settings (the hosted
site uses directory URLs, the offline build does not), while still queuing
the target for the hook's anchor check through ``ctx.link``.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from sidebyside.site.renderers import RenderContext

_CODE_RE = re.compile(r"`([^`]+)`")


def _url_of(src: str, use_directory_urls: bool) -> str:
    return File(src, "docs", "site", use_directory_urls).url


def href(ctx: RenderContext, target: str, origin: Path, line: int | None, what: str) -> str:
    """URL of ``target`` relative to the page being rendered; queued for the anchor check."""
    ctx.link(target, origin, line, what)
    path, _, anchor = target.partition("#")
    use_dirs = bool(ctx.config.get("use_directory_urls", True)) if ctx.config is not None else True
    url = get_relative_url(_url_of(path, use_dirs), _url_of(ctx.page_src, use_dirs))
    return url + (f"#{anchor}" if anchor else "")


def text(value: str) -> str:
    """Escape data text for HTML and turn `backticks` into <code>: the only markup data may use."""
    escaped = html.escape(value.strip(), quote=False)
    return _CODE_RE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped)


def attr(value: str) -> str:
    """Escape a value for an HTML attribute."""
    return html.escape(value, quote=True)


def source_html(source: str, as_of: date) -> str:
    """A dated external source, shown to the reader as 'host, as of YYYY-MM-DD'."""
    host = urlparse(source).netloc.removeprefix("www.")
    return f'<a href="{attr(source)}">{attr(host)}</a>, as of {as_of.isoformat()}'


def nav_titles(config: Any) -> dict[str, str]:
    """Map each page in the nav (``topics/x.md``) to its nav title, used as link text."""
    titles: dict[str, str] = {}

    def walk(items: Any) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        titles[value] = title
                    else:
                        walk(value)

    if config is not None:
        walk(config.get("nav"))
    return titles


def page_title(config: Any, target: str) -> str:
    """Link text for a page: its nav title, else its file name."""
    path = target.partition("#")[0]
    return nav_titles(config).get(path) or path.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ").capitalize()
