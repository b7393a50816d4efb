"""``@render cpu-knobs``: the measured table from ``data/measured/cpu-knobs.json`` (made by ``make measure-cpu-knobs``)."""

from __future__ import annotations

from sidebyside.site.renderers import RenderContext
from sidebyside.tools import measured


def render(ctx: RenderContext) -> str:
    return measured.table(measured.load("cpu-knobs"))
