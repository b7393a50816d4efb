"""``@render comparison-verdict``: the comparison page's verdict box, from the table itself.

Lists the criteria where one framework is ahead today and counts the rest,
so the box can never claim a lead the rows below do not show.
"""

from __future__ import annotations

from sidebyside.data.comparison import load_comparison
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import attr, href, text


def render(ctx: RenderContext) -> str:
    table = load_comparison()
    lines = []
    for verdict, label in (("tensorflow", "TensorFlow"), ("pytorch", "PyTorch")):
        links = []
        for row in table.rows:
            if row.verdict == verdict:
                url = href(ctx, f"decide/comparison.md#row-{row.id}", table.path, row.line, f"row '{row.id}' verdict link")
                links.append(f'<a href="{attr(url)}">{text(row.criterion)}</a>')
        lines.append(f"- **{label} ahead**: {', '.join(links) or 'no criterion'}.")
    even = sum(row.verdict in {"tie", "depends"} for row in table.rows)
    lines.append(f"- **A tie or it depends**: the other {even} of {len(table.rows)} criteria.")
    return "\n".join(lines)
