"""MkDocs hook: make mkdocs-jupyter's notebook pages light, offline-safe and native-looking.

mkdocs-jupyter renders a notebook through nbconvert's JupyterLab template,
which inlines JupyterLab's whole stylesheet (575 KB) into every page, adds a
MathJax ``<script>``, a Mermaid loader that imports from a CDN, a clipboard
script, and every code cell's source a second time for that clipboard. None
of it is needed here: the site's own theme already styles headings, tables
and code (with its own copy button), the tutorials use no math or diagrams,
and nothing may load from the network.

So, on each ``.ipynb`` page only, this hook:

- drops nbconvert's ``<style>`` and ``<script>`` blocks and the clipboard
  markup, and turns each code cell into the theme's own code block markup;
- writes each SVG figure to a file next to the page and shows it as an
  ``<img>`` named after its section heading (inlined, the two figures of a
  tutorial added some 600 elements to the page and a second of style and
  layout work on a phone); on a phone a figure keeps the width at which its
  smallest label is still ``MIN_LABEL_PX`` and scrolls inside its figure;
- resolves links written as in Markdown pages (``../topics/x.md``,
  ``other.ipynb``) to site URLs and fails the build on a missing target,
  naming the notebook source line;
- adds a download link for the ``.ipynb`` (copied next to the page by
  ``include_source``), an "Open in Colab" link to the same file in the
  repository, and a link to the text source, points "edit" at the
  source, and sets the page description from the first paragraph;
- fails the build if anything on the page would still load from the network.
"""

from __future__ import annotations

import base64
import html
import math
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.site.codemarkup import focusable

SOURCES_DIR = "notebooks"
"""Where the hand-edited source of docs/notebooks/<name>.ipynb lives: notebooks/<name>.py."""

NOTEBOOK_CSS = (
    ".sbs-nb .jp-OutputArea pre{margin:0 0 1em;padding:.6em 1em;border-left:.2rem solid var(--md-accent-fg-color);"
    "background:var(--md-code-bg-color);font-size:.8em;white-space:pre-wrap;overflow-wrap:anywhere}"
    ".sbs-nb .jp-OutputArea img{display:block;max-width:100%;height:auto;margin:0 auto}"
    ".sbs-nb .sbs-nb-links{font-size:.8em}"
    ".sbs-nb .jp-OutputArea pre.sbs-nb-drawn{white-space:pre;overflow-wrap:normal;width:max-content}"
    ".sbs-nb .jp-RenderedText:has(>pre.sbs-nb-drawn){overflow-x:auto}"
)
"""All the styling notebook pages need on top of the theme: output blocks and figures. (Cells are not
given content-visibility: auto, which would spare a phone their layout: axe then misjudged a link's
contrast in dark mode in a cell it had not drawn.)"""

_DRAWN_RE = re.compile(r"<pre>(?=[^<]*[\u2500-\u257f])")
"""An output drawn with box characters (a Keras model summary): wrapped, its columns fall apart, so it
keeps its lines and scrolls inside its focusable output box instead."""
_BLOCK_RE = re.compile(r"<(style|script)\b[^>]*>.*?</\1>", re.S)
_CLIPBOARD_RE = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S)
_CLIPBOARD_TEXT_RE = re.compile(r'<div[^>]*class="clipboard-copy-txt"[^>]*>.*?</div>', re.S)
_CODE_RE = re.compile(r'<div class="highlight-ipynb hl-(\w+)[^"]*"><pre>(<span></span>)?(.*?)</pre></div>', re.S)
_SVG_IMG_RE = re.compile(r'<img[^>]*src="data:image/svg\+xml;base64,([A-Za-z0-9+/=\s]+)"[^>]*>')

MIN_LABEL_PX = 11
"""Smallest label a figure may draw on a phone, in CSS pixels (the phone-layout tests hold every chart to it)."""
PT = 4 / 3
"""CSS pixels in a point: matplotlib gives an SVG's size in points, one viewBox unit each."""
_VIEWBOX_RE = re.compile(r'<svg\b[^>]*\bviewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"')
_FONT_SIZE_RE = re.compile(r'font-size[:=]\s*"?([\d.]+)')

_HEADING_RE = re.compile(r"<h([1-6])[^>]*>(.*?)<a class=\"anchor-link\"", re.S)
_HREF_RE = re.compile(r'href="([^"#:]+\.(?:md|ipynb))(#[^"]*)?"')
_REMOTE_RE = re.compile(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="(?:https?:)?//|'
                        r'<link\b[^>]*\bhref="(?:https?:)?//[^"]*"[^>]*\brel="(?:stylesheet|preload|modulepreload)"|'
                        r'<link\b[^>]*\brel="(?:stylesheet|preload|modulepreload)"[^>]*\bhref="(?:https?:)?//|'
                        r"@import\s+url\(\s*['\"]?(?:https?:)?//", re.I)


def is_notebook(page: Any) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def source_of(page: Any) -> str:
    """Repository path of the text source a notebook page was executed from."""
    return f"{SOURCES_DIR}/{posixpath.basename(page.file.src_uri)[:-len('.ipynb')]}.py"


def _source_line(page: Any, needle: str) -> int | None:
    """Line of ``needle`` in the notebook's source, for error messages."""
    path = ROOT / source_of(page)
    if not path.exists():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return None


def _code_block(match: re.Match[str]) -> str:
    """nbconvert's highlighted cell -> the theme's code block (styled, with its copy button)."""
    lang, body = match.group(1), match.group(3)
    return f'<div class="language-{lang} highlight"><pre><span></span><code>{body}</code></pre></div>'


def figure_markup(svg: str, src: str, label: str, where: str) -> str:
    """``<figure>`` showing the SVG file at ``src``: sized (no layout shift), lazy, named, scrollable on a phone.

    ``--sbs-phone-width`` is the width at which the smallest label is ``MIN_LABEL_PX``; phone.css keeps
    the image at least that wide and lets the focusable figure scroll.
    """
    box = _VIEWBOX_RE.search(svg)
    if box is None:
        raise PluginError(f"{where}: figure '{label}' has no viewBox, so its size on a phone is unknown; "
                          "keep matplotlib's SVG output (set_matplotlib_formats('svg')) in the notebook source")
    width, height = float(box.group(1)), float(box.group(2))
    sizes = [float(size) for size in _FONT_SIZE_RE.findall(svg)]
    phone = f' style="--sbs-phone-width:{math.ceil(MIN_LABEL_PX / min(sizes) * width)}px"' if sizes else ""
    return (f'<figure class="sbs-chart" tabindex="0"><img src="{html.escape(src, quote=True)}" '
            f'alt="{html.escape(label, quote=True)}" width="{round(width * PT)}" height="{round(height * PT)}" '
            f'loading="lazy" decoding="async"{phone}></figure>')


def _figures(content: str, page: Any) -> str:
    """Each SVG figure -> a file beside the page's HTML, shown by ``figure_markup``, named after its section."""
    headings = [(m.start(), re.sub(r"<[^>]+>", "", m.group(2)).strip()) for m in _HEADING_RE.finditer(content)]
    stem = posixpath.basename(page.file.src_uri)[:-len(".ipynb")]
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        section = next((text for start, text in reversed(headings) if start < match.start()), "")
        svg = base64.b64decode(match.group(1)).decode("utf-8")
        name = f"{stem}-figure-{count}.svg"
        folder = Path(page.file.abs_dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(svg, encoding="utf-8")
        label = f"Figure: {section}" if section else f"Figure {count}"
        return figure_markup(svg, name, label, f"docs/{page.file.src_uri}")

    return _SVG_IMG_RE.sub(replace, content)


def _links(content: str, page: Any, files: Any) -> str:
    """Resolve Markdown-style links to pages; a dangling one fails the build."""
    base = posixpath.dirname(page.file.src_uri)

    def replace(match: re.Match[str]) -> str:
        target, fragment = match.group(1), match.group(2) or ""
        path = posixpath.normpath(posixpath.join(base, html.unescape(target)))
        found = files.get_file_from_path(path)
        if found is None:
            error = SiteError(ROOT / source_of(page), _source_line(page, target), f"link to '{target}' matches no page",
                              "write the path relative to docs/notebooks/, e.g. ../topics/layer-defaults.md")
            raise PluginError(error.message)
        return f'href="{found.url_relative_to(page.file)}{fragment}"'

    return _HREF_RE.sub(replace, content)


def _header_links(page: Any, config: Any) -> str:
    name = posixpath.basename(page.file.src_uri)
    source = source_of(page)
    repo = (config.get("repo_url") or "").rstrip("/")
    source_link = f'<a href="{repo}/blob/main/{source}"><code>{source}</code></a>' if repo else f"<code>{source}</code>"
    links = f'Download the notebook: <a href="{name}" download><code>{name}</code></a>'
    colab = colab_url(repo, page.file.src_uri)
    if colab:
        links += f' · <a href="{colab}">Open in Colab</a>'
    return f'<p class="sbs-nb-links">{links} · text source: {source_link}</p>'


def colab_url(repo_url: str, src_uri: str) -> str | None:
    """Colab opens a notebook straight from a GitHub repository's main branch."""
    prefix = "https://github.com/"
    if not repo_url.startswith(prefix):
        return None
    return f"https://colab.research.google.com/github/{repo_url[len(prefix):]}/blob/main/docs/{src_uri}"


def _description(content: str) -> str | None:
    """First paragraph, as plain text, cut at a sentence end near 160 characters."""
    match = re.search(r"<p>(.*?)</p>", content, re.S)
    if not match:
        return None
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())
    if len(text) <= 160:
        return text
    cut = text.rfind(". ", 0, 160)
    return text[: cut + 1] if cut > 40 else text[:157].rstrip() + "..."


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    """Rewrite one notebook page (other pages pass through untouched)."""
    if not is_notebook(page):
        return content
    content = _BLOCK_RE.sub("", content)
    content = _CLIPBOARD_RE.sub("", content)
    content = _CLIPBOARD_TEXT_RE.sub("", content)
    content = focusable(_CODE_RE.sub(_code_block, content))  # the theme's code blocks exist only from here
    content = _figures(content, page)
    content = _DRAWN_RE.sub('<pre class="sbs-nb-drawn">', content)
    content = _links(content, page, files)
    content = content.replace('class="anchor-link"', 'class="headerlink"')
    content = re.sub(r"(</h1>)", lambda m: m.group(1) + _header_links(page, config), content, count=1)
    if not page.meta.get("description"):
        description = _description(content)
        if description:
            page.meta["description"] = description
    leftover = re.search(r"<script\b|clipboard-copy|highlight-ipynb", content)
    if leftover:
        raise PluginError(f"docs/{page.file.src_uri}: notebook HTML still contains '{leftover.group(0)}' after clean-up; "
                          "mkdocs-jupyter's output changed: update sidebyside/site/notebook_pages.py")
    return f'<style>{NOTEBOOK_CSS}</style><div class="sbs-nb">{content}</div>'


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """'Edit this page' on a notebook opens its text source, never the generated .ipynb."""
    if is_notebook(page) and page.edit_url:
        repo = (config.get("repo_url") or "").rstrip("/")
        page.edit_url = f"{repo}/edit/main/{source_of(page)}"
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Nothing on a notebook page may load from the network (the site must work offline)."""
    if is_notebook(page):
        remote = _REMOTE_RE.search(output)
        if remote:
            raise PluginError(f"docs/{page.file.src_uri}: page loads '{remote.group(0)[:120]}' from the network; "
                              "self-host it or remove it (see sidebyside/site/notebook_pages.py)")
    return output
