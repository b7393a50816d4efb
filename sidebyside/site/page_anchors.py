"""Anchors a page will have, read from its Markdown without building it.

``python -m sidebyside check`` uses this to resolve data files' page links
in a second instead of a build: heading ids (explicit ``{ #id }`` or the
slug MkDocs' ``toc`` extension would give), ``id="..."`` in raw HTML and the
``pair-<name>`` id of each ``@pair``. Pages with ``@render`` lines also get
ids from generated content, which only the build can see; the caller says so.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from sidebyside.pairs.expand import find_directives

_HEADING_RE = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_ATTR_ID_RE = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_HTML_ID_RE = re.compile(r"""\sid=["']([^"']+)["']""")


def static_anchors(markdown: str) -> set[str]:
    """Ids the built page will carry that are visible in its source."""
    ids = set(_HTML_ID_RE.findall(markdown))
    for match in _HEADING_RE.finditer(markdown):
        title = match.group(1)
        explicit = _ATTR_ID_RE.search(title)
        ids.add(explicit.group(1) if explicit else slugify(title, "-"))
    for directive in find_directives(markdown):
        if directive.kind == "pair":
            ids.add(f"pair-{directive.arg.split('/')[-1]}")
    return ids


def has_generated_content(markdown: str) -> bool:
    """True when ``@render`` lines add content (and ids) only the build can see."""
    return any(d.kind == "render" for d in find_directives(markdown))
