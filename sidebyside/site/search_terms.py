"""MkDocs hook: the names readers type lead to the page that answers them.

Readers search with names from older articles (TFLite, TorchServe, tfdbg),
abbreviations (DDP, AMP) and spellings the pages do not use (allreduce). Each
page lists such names in its front matter under ``aliases:``, and every
retired name in ``data/replacements.yml`` (its ``old`` name and ``aliases``)
points at the page that shows its replacement. This hook turns both into the
page's search ``tags``: Material's search indexes tags with a far higher
boost than titles and text, so the current page comes first for an old name,
offline too (the tags are part of the one search index). Tags are not shown
on pages (the tags plugin is off); search results show them as chips, which
tells the reader why the page matched.

It also keeps out of the index what readers never search for: the
"Tested with ... · download script · source" line under every pair, the
"Tested: ..." line under every API-dictionary row, the lines the canary saw change, recorded outputs
(numbers readers do not type) unless they hold an error message, which
readers paste into the box, and ledger releases with nothing for readers.

Finally it shrinks the written index (``compact_index``), which every reader
downloads before the first result: a code block keeps each API name once (a reader
finds a script by the names in it, not by their count), markup goes, and a
page's tags ride on its first entry only (the page still ranks by them).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sidebyside import ROOT
from sidebyside.errors import SiteError

_EXCLUDED_RE = re.compile(r'<p class="(sbs-tested|sbs-rosetta-meta|sbs-parity sbs-same)">')
_LEDGER_RE = re.compile(r'<div class="sbs-ledger-release"')
"""A release on the ledger page: each change it lists is listed again, and indexed, on the page it links to."""
_SETUP_SUMMARY_RE = re.compile(r'(<details class="sbs-setup">\s*<summary)>')
"""A folded setup block's summary ("Setup: imports and data · lines 1-12"): its code is indexed, the label answers nothing."""
_INLINE_TAG_RE = re.compile(r"</?(?:p|li|ul|ol|strong|em|small|a|span|br|code|sup|sub|table|thead|tbody|tr|th|td|div)\b[^>]*>")
"""Markup inside an entry: previews read as well without it, and every reader downloads it."""
_CODE_BLOCK_RE = re.compile(r"<pre><code>(.*?)</code></pre>", re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_SCRIPT_NAME_RE = re.compile(r"\s*\b[\w-]+\.(?:tensorflow|pytorch|jax)\.py\b|\bTensorFlowPyTorch(?:JAX)?\b"
                             r"|,? (?:as of|read|checked) \d{4}-\d\d-\d\d")
"""Words on every pair or source (the file name over each half, the run-together tab labels, the date a
source was read): no reader types them."""
_API_NAME_RE = re.compile(r"[A-Za-z]_|_[A-Za-z]|[a-z][A-Z]|[A-Z]{2}")
"""snake_case, CamelCase or an acronym: a name from an API, not an English word from a comment."""
_WORD_EDGE = "'`*+%;{}#<>|@\\"
"""Punctuation the separator leaves on a code word ('x[0]' splits, "'cpu'" keeps its quotes)."""
_HEADING_RE = re.compile(r"(?=<h[1-6][\s>])")
_BLOCK_RE = re.compile(r"<(p|ul|ol|table|div|pre|blockquote|details|dl)(?=[\s>])")
LEAD_ONLY = "search_leads_only"
"""Front matter key: the page is indexed by its headings and each section's first paragraph only. For the
contributor guide, which readers rarely search and which would otherwise be a sixth of the index."""
_OUTPUT_RE = re.compile(r'<div class="language-text highlight"><span class="filename">Output</span>(.*?)</pre></div>', re.S)
_ERROR_RE = re.compile(r"Error|Exception|error:")
_SPLIT_RE = re.compile(r'[\s\-,:!=\[\]()"/]+|\.(?!\d)')
"""The search separator of mkdocs.yml, in Python: how the index splits a tag into words."""

COMMON = frozenset({"tensorflow", "pytorch", "torch", "tf", "keras", "nn", "model", "models", "python"})
"""Words on nearly every page: a tag boost on them would pull one page to the top of every search."""


def tag_words(name: str) -> str:
    """The searchable words of an alias, without the words every page has ('TF Hub' -> 'Hub').

    Words that merely start with such a word go too ('TorchServe'): the theme
    matches what a reader types as a prefix, so a 'torchserve' tag would put its
    page first for every query that contains 'torch'. The page's own text still
    finds them.
    """
    return " ".join(w for w in _SPLIT_RE.split(name) if w and not w.lower().startswith(tuple(COMMON)))


def _alias_list(value: Any, page_path: Path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PluginError(SiteError(page_path, 1, "front matter 'aliases' must be a list of names",
                                    "write e.g. aliases: [DDP, allreduce]").message)
    return [v.strip() for v in value]


def retired_names() -> dict[str, list[str]]:
    """Docs page (``topics/deployment.md``) -> retired names whose replacement it shows."""
    try:
        from sidebyside.data.replacements import load_replacements
    except ImportError:  # pragma: no cover - replaced at merge
        return {}

    names: dict[str, list[str]] = {}
    for entry in load_replacements(ROOT / "data" / "replacements.yml"):
        page = entry.shown_link.split("#", 1)[0]
        names.setdefault(page, []).extend([entry.old, *entry.aliases])
    return names


_retired: dict[str, list[str]] = {}


def on_config(config: Any) -> Any:
    global _retired
    try:
        _retired = retired_names()
    except SiteError as error:
        raise PluginError(error.message) from None
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Merge the page's own aliases and the retired names it replaces into its search tags."""
    page_path = Path(config["docs_dir"]) / page.file.src_uri
    names = _alias_list(page.meta.get("aliases"), page_path) + _retired.get(page.file.src_uri, [])
    if names:
        tags = list(page.meta.get("tags") or [])
        for name in names:
            words = tag_words(name)
            if words and words not in tags:
                tags.append(words)
        page.meta["tags"] = tags
    return markdown


def _output_block(match: re.Match[str]) -> str:
    if _ERROR_RE.search(match.group(1)):
        return match.group(0)
    return match.group(0).replace('<div class="language-text highlight">', '<div class="language-text highlight" data-search-exclude>', 1)


def leads_only(html: str) -> str:
    """``html`` with every block after each section's first paragraph marked ``data-search-exclude``."""
    sections = _HEADING_RE.split(html)
    for i, section in enumerate(sections):
        head, end, rest = section.partition("</p>")
        if end:
            sections[i] = head + end + _BLOCK_RE.sub(r"<\1 data-search-exclude", rest)
    return "".join(sections)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Mark what answers no query with Material's ``data-search-exclude``: the index skips it."""
    if getattr(page, "meta", {}).get(LEAD_ONLY):
        html = leads_only(html)
    html = _EXCLUDED_RE.sub(r'<p class="\1" data-search-exclude>', html)
    html = html.replace('<ul class="sbs-canary-changes">', '<ul class="sbs-canary-changes" data-search-exclude>')
    html = _LEDGER_RE.sub('<div class="sbs-ledger-release" data-search-exclude', html)
    html = _SETUP_SUMMARY_RE.sub(r"\1 data-search-exclude>", html)
    return _OUTPUT_RE.sub(_output_block, html)


def code_words(code: str, known: frozenset[str] = frozenset()) -> str:
    """Each word of a code block once, in order of first use, as the index splits words (case-insensitive).

    Only API-shaped names are kept (``zeros_like``, ``DataLoader``, ``NCHW``); plain words
    (``model``, ``Only``) are in the prose around the code, and words in ``known`` (the entry's
    prose and title, and earlier blocks, already hold them) are left out.
    """
    seen: dict[str, str] = {}
    for word in _SPLIT_RE.split(code):
        word = word.strip(_WORD_EDGE)
        key = word.lower()
        if _API_NAME_RE.search(word) and key not in seen and key not in known:
            seen[key] = word
    return " ".join(seen.values())


def _prose_words(doc: dict[str, Any]) -> frozenset[str]:
    prose = _TAG_RE.sub(" ", _CODE_BLOCK_RE.sub(" ", doc["text"])) + " " + doc["title"]
    return frozenset(w.lower() for w in _SPLIT_RE.split(prose) if w)


def _compact_text(doc: dict[str, Any]) -> str:
    """Prose without markup and whitespace runs, then the code words in one hidden ``<pre>`` (when there are any)."""
    known = _prose_words(doc)
    words: list[str] = []
    for block in _CODE_BLOCK_RE.findall(doc["text"]):
        new = code_words(block, known)
        words += new.split()
        known |= {w.lower() for w in new.split()}
    code = " ".join(words)
    prose = " ".join(_SCRIPT_NAME_RE.sub(" ", _INLINE_TAG_RE.sub(" ", _CODE_BLOCK_RE.sub(" ", doc["text"]))).split())
    return prose + (f"<pre><code>{code}</code></pre>" if code else "")


def compact_index(index: dict[str, Any]) -> dict[str, Any]:
    """The search index with code blocks reduced to their words and each page's tags on its first entry only."""
    tagged: set[str] = set()
    for doc in index["docs"]:
        doc["text"] = _compact_text(doc)
        page = doc["location"].split("#", 1)[0]
        if page in tagged:
            doc.pop("tags", None)
        elif doc.get("tags"):
            tagged.add(page)
    return index


@event_priority(-50)  # after Material's search plugin writes the index (0), before the offline plugin inlines it (-100)
def on_post_build(config: Any) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if path.is_file():
        index = compact_index(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


__all__ = ["code_words", "compact_index", "on_config", "on_page_content", "on_page_markdown", "on_post_build", "retired_names"]
