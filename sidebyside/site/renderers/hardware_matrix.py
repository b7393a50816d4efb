"""``@render hardware-matrix``: the dated support matrix from ``data/hardware.yml``."""

from __future__ import annotations

from sidebyside.data.hardware import COLUMNS, Platform, load_hardware
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import source_html, text


def _row(platform: Platform) -> str:
    cells = [f"**{text(platform.platform)}**"] + [text(platform.cells[key]) for key in COLUMNS]
    cells.append("<br>".join(source_html(s.url, s.as_of) for s in platform.sources))
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def matrix_markdown(platforms: list[Platform]) -> str:
    """The Markdown table (used by the page and by tests)."""
    header = "| Hardware | " + " | ".join(COLUMNS.values()) + " | Sources |"
    rule = "| --- | " + " | ".join("---" for _ in COLUMNS) + " | --- |"
    return "\n".join([header, rule, *(_row(p) for p in platforms)])


def render(ctx: RenderContext) -> str:
    return matrix_markdown(load_hardware())
