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
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from sidebyside.errors import SiteError, read_text
from sidebyside.pairs.catalog import Pair, discover
from sidebyside.pairs.expand import Directive, download_path, expand, shown_text
from sidebyside.site.codemarkup import focusable, lighten
from sidebyside.site.project import check_checkout
from sidebyside.site.renderers import LinkCheck, RenderContext, registry
from sidebyside.site.status_inline import expand_status

_ID_RE = re.compile(r'\sid="([^"]+)"')


@dataclass
class BuildState:
    """What one build learns as it goes: the pair catalog, the generated links to check, every page's ids.

    ``on_config`` starts a new one, so ``mkdocs serve`` rebuilds start clean.
    """

    pairs: dict[str, Pair] = field(default_factory=dict)
    links: list[LinkCheck] = field(default_factory=list)
    anchors: dict[str, set[str]] = field(default_factory=dict)


state = BuildState()


def _fail(error: SiteError) -> PluginError:
    return PluginError(error.message)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the snippet catalog once per build.

    Recordings are checked per reference (in ``expand``), not for the whole
    tree, so a pair being written but not yet shown does not stop the build;
    ``python -m sidebyside check`` and the tests still require every one.
    """
    global state
    check_checkout(config)
    try:
        state = BuildState(pairs=discover(require_outputs=False))
    except SiteError as error:
        raise _fail(error) from None
    return config


def source_base(config: MkDocsConfig) -> str | None:
    """URL prefix for 'source' links to files in the repository."""
    repo = (config.get("repo_url") or "").rstrip("/")
    return f"{repo}/blob/main" if repo else None


def on_files(files: Files, config: MkDocsConfig) -> Files:
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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
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
        ctx = RenderContext(page_src=src, line=directive.line + offset, arg=directive.arg, pairs=state.pairs, config=config)
        text = renderer(ctx)
        state.links.extend(ctx.links)
        return text

    try:
        root = "../" * page.url.count("/")
        markdown = expand_status(markdown, page_path, offset)  # the page's own markers, with its line numbers
        return expand_status(expand(markdown, page_path, state.pairs, render, source_base(config), root, line_offset=offset), page_path)
    except SiteError as error:
        raise _fail(error) from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Lighten the code markup and make code focusable; remember every id on the page for the generated-link check."""
    html = focusable(lighten(html))
    state.anchors[page.file.src_uri] = set(_ID_RE.findall(html))
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """All pages are rendered now: every generated link must hit a real anchor."""
    for check in state.links:
        path, _, anchor = check.target.partition("#")
        if path not in state.anchors:
            problem = f"{check.what} points at unknown page '{path}'"
            raise _fail(SiteError(check.origin, check.line, problem, "use a docs-relative path such as 'topics/execution-model.md#anchor'"))
        if anchor and anchor not in state.anchors[path]:
            problem = f"{check.what} links to unknown anchor '{anchor}' on '{path}'"
            raise _fail(SiteError(check.origin, check.line, problem, "use a heading id that exists on that page"))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Write each pair half as shown on its page, for the 'download script' links.

    The download is the shown text (no header), so line numbers
    on the page and in the downloaded file agree; it lives inside the site so
    the link works from the offline zip too.
    """
    site = Path(config["site_dir"])
    for pair in state.pairs.values():
        for half in pair.halves.values():
            target = site / download_path(half)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(shown_text(half), encoding="utf-8")


__all__ = ["on_config", "on_env", "on_files", "on_page_content", "on_page_markdown", "on_post_build"]
