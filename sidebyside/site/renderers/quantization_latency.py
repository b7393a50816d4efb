"""``@render quantization-latency``: the measured table from ``data/measured/quantization-latency.json`` (made by ``make measure-quantization-latency``)."""

from __future__ import annotations

from sidebyside.site.renderers import RenderContext
from sidebyside.tools import measured


def render(ctx: RenderContext) -> str:
    return measured.table(measured.load("quantization-latency"))
