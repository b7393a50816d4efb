"""``@render comparison-summary``: the table in one screen, for the home page.

One line per group: which criteria lean TensorFlow, which lean PyTorch, and
how many are a tie or depend on the project. Each criterion links to its row
in the full table, so the summary can never claim more than the table does.
"""

from __future__ import annotations

from sidebyside.data.comparison import Comparison, Group, load_comparison
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import attr, href, text


def _links(ctx: RenderContext, table: Comparison, group: Group, verdicts: set[str]) -> str:
    links = []
    for row in group.rows:
        if row.verdict in verdicts:
            url = href(ctx, f"decide/comparison.md#row-{row.id}", table.path, row.line, f"row '{row.id}' summary link")
            links.append(f'<a href="{attr(url)}">{text(row.criterion)}</a>')
    return ", ".join(links) or "–"


def summary_markdown(ctx: RenderContext, table: Comparison) -> str:
    """A Markdown table (styled like the site's other tables) with raw links in the cells."""
    lines = ["| Area | TensorFlow ahead | PyTorch ahead | Tie or it depends |", "| --- | --- | --- | --- |"]
    for group in table.groups:
        even = sum(row.verdict in {"tie", "depends"} for row in group.rows)
        lines.append(
            f"| {text(group.title)} | {_links(ctx, table, group, {'tensorflow'})} | {_links(ctx, table, group, {'pytorch'})} "
            f"| {even} of {len(group.rows)} |"
        )
    counts = {v: sum(row.verdict == v for row in table.rows) for v in ("tensorflow", "pytorch", "tie", "depends")}
    lines.append("")
    lines.append(
        f"{len(table.rows)} criteria: TensorFlow ahead on {counts['tensorflow']}, PyTorch on {counts['pytorch']}, "
        f"a tie on {counts['tie']}, and {counts['depends']} depend on your project."
    )
    return "\n".join(lines)


def render(ctx: RenderContext) -> str:
    return summary_markdown(ctx, load_comparison())
