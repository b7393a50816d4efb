"""Renderers turn data into page content for ``@render <name>`` directives.

Each module in this package with a ``render(ctx: RenderContext) -> str``
function is a renderer; its name is the module name with ``_`` written as
``-`` (``comparison_table.py`` -> ``@render comparison-table``). Renderers
return Markdown (raw HTML is fine, ``md_in_html`` is on). They record every
in-site link they emit through ``ctx.link`` so a broken anchor is reported
against the data file and line that produced it, not just the page.
"""

from __future__ import annotations

import importlib
import pkgutil
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sidebyside.pairs.catalog import Pair


@dataclass
class LinkCheck:
    """An in-site link emitted by generated content, checked after all pages render."""

    target: str
    origin: Path
    line: int | None
    what: str


@dataclass
class RenderContext:
    """Everything a renderer may need; renderers must not reach for globals."""

    page_src: str
    """The page's path relative to docs/, e.g. ``decide/comparison.md``."""
    line: int
    arg: str
    pairs: dict[str, Pair]
    config: Any
    links: list[LinkCheck] = field(default_factory=list)

    def link(self, target: str, origin: Path, line: int | None, what: str = "link") -> str:
        """Return ``target`` (``page.md#anchor``, docs-relative) relative to this page.

        The link is also queued for the anchor check that runs once every
        page is rendered, so a typo in data fails with the data's file:line.
        """
        self.links.append(LinkCheck(target, origin, line, what))
        path, _, anchor = target.partition("#")
        base = posixpath.dirname(self.page_src)
        rel = posixpath.relpath(path, base or ".") if path else ""
        return rel + (f"#{anchor}" if anchor else "")


Renderer = Callable[[RenderContext], str]


def registry() -> dict[str, Renderer]:
    """Discover renderers by module name; see the package docstring."""
    found: dict[str, Renderer] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        render = getattr(module, "render", None)
        if callable(render):
            found[info.name.replace("_", "-")] = render
    return found
