"""MkDocs hook: make each page's front-matter description safe in HTML.

Material writes ``page.meta.description`` into
``<meta name="description" content="...">`` without escaping (MkDocs'
templates do not autoescape), so a description that quotes something
("static TensorFlow, dynamic PyTorch") would end the attribute early and
search engines would get half a sentence. Escaping here keeps the page
source natural to write.
"""

from __future__ import annotations

import html
from typing import Any


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """Escape the description once, just before the page's template renders."""
    description = page.meta.get("description")
    if isinstance(description, str):
        page.meta["description"] = html.escape(description.strip(), quote=True)
    return context


__all__ = ["on_page_context"]
