"""MkDocs hook: expands directives and checks generated links.

A hook (rather than a Python-Markdown extension) is used because it sees
the page's source path (needed for ``docs/page.md:LINE`` errors), the whole
MkDocs config (repo URL for source links) and every rendered page (needed
to check anchors that generated content points at). It runs before
Markdown, so the expanded text goes through pymdownx.snippets, tabbed and
superfences like hand-written content does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import meta

from sidebyside.errors import SiteError, read_text
from sidebyside.pairs.catalog import Pair, discover
from sidebyside.pairs.expand import Directive, download_path, expand, shown_text
from sidebyside.site.codemarkup import lighten
from sidebyside.site.project import check_checkout
from sidebyside.site.renderers import LinkCheck, RenderContext, registry
from sidebyside.site.status_inline import expand_status

_ID_RE = re.compile(r'\sid="([^"]+)"')

_pairs: dict[str, Pair] = {}
_links: list[LinkCheck] = []
_anchors: dict[str, set[str]] = {}


def _fail(error: SiteError) -> PluginError:
    return PluginError(error.message)


def on_config(config: Any) -> Any:
    """Load and validate the snippet catalog once per build.

    Recordings are checked per reference (in ``expand``), not for the whole
    tree, so a pair being written but not yet shown does not stop the build;
    ``python -m sidebyside check`` and the tests still require every one.
    """
    global _pairs
    check_checkout(config)
    _links.clear()
    _anchors.clear()
    try:
        _pairs = discover(require_outputs=False)
    except SiteError as error:
        raise _fail(error) from None
    return config


def source_base(config: Any) -> str | None:
    """URL prefix for 'source' links to files in the repository."""
    repo = (config.get("repo_url") or "").rstrip("/")
    return f"{repo}/blob/main" if repo else None


def on_files(files: Any, config: Any) -> Any:
    """Decode every Markdown page up front so bytes that are not UTF-8 fail with ``page.md:LINE``.

    MkDocs would raise a bare UnicodeDecodeError naming neither file nor line.
    """
    for file in files.documentation_pages():
        if file.abs_src_path and file.src_uri.endswith(".md"):
            try:
                read_text(Path(file.abs_src_path))
            except SiteError as error:
                raise _fail(error) from None
    return files


def front_matter_lines(source: str) -> int:
    """How many lines MkDocs strips (front matter and the blank lines after it) before Markdown sees the page.

    Directive line numbers count from the Markdown body; adding this makes
    them the line numbers of the file a contributor opens.
    """
    body, _ = meta.get_data(source)
    if not source.endswith(body):
        return 0
    return source[: len(source) - len(body)].count("\n")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Expand ``@pair`` and ``@render`` lines of one page, then the ``@status(...)`` markers (generated tables may hold some)."""
    renderers = registry()
    src = page.file.src_uri
    page_path = Path(config["docs_dir"]) / src
    offset = front_matter_lines(page.file.content_string) if page.file.abs_src_path else 0

    def render(directive: Directive) -> str:
        renderer = renderers.get(directive.arg)
        if renderer is None:
            known = ", ".join(sorted(renderers)) or "none"
            raise SiteError(page_path, directive.line + offset, f"unknown renderer '{directive.arg}'", f"known renderers: {known}")
        ctx = RenderContext(page_src=src, line=directive.line + offset, arg=directive.arg, pairs=_pairs, config=config)
        text = renderer(ctx)
        _links.extend(ctx.links)
        return text

    try:
        root = "../" * page.url.count("/")
        markdown = expand_status(markdown, page_path, offset)  # the page's own markers, with its line numbers
        return expand_status(expand(markdown, page_path, _pairs, render, source_base(config), root, line_offset=offset), page_path)
    except SiteError as error:
        raise _fail(error) from None


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Lighten the code markup; remember every id on the page for the generated-link check."""
    html = lighten(html)
    _anchors[page.file.src_uri] = set(_ID_RE.findall(html))
    return html


def on_env(env: Any, config: Any, files: Any) -> Any:
    """All pages are rendered now: every generated link must hit a real anchor."""
    for check in _links:
        path, _, anchor = check.target.partition("#")
        if path not in _anchors:
            problem = f"{check.what} points at unknown page '{path}'"
            raise _fail(SiteError(check.origin, check.line, problem, "use a docs-relative path such as 'topics/execution-model.md#anchor'"))
        if anchor and anchor not in _anchors[path]:
            problem = f"{check.what} links to unknown anchor '{anchor}' on '{path}'"
            raise _fail(SiteError(check.origin, check.line, problem, "use a heading id that exists on that page"))
    return env


def on_post_build(config: Any) -> None:
    """Write each pair half as shown on its page, for the 'download script' links.

    The download is the shown text (no header), so line numbers
    on the page and in the downloaded file agree; it lives inside the site so
    the link works from the offline zip too.
    """
    site = Path(config["site_dir"])
    for pair in _pairs.values():
        for half in pair.halves.values():
            target = site / download_path(half)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(shown_text(half), encoding="utf-8")


__all__ = ["on_config", "on_env", "on_files", "on_page_content", "on_page_markdown", "on_post_build"]
