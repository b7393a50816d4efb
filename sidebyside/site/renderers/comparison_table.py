"""``@render comparison-table``: the full table from ``data/comparison.yml``.

Raw HTML rather than a Markdown table, because the filter/sort script and the
phone layout need data attributes (group, verdict) and per-cell labels. The
table is complete without JavaScript; the script only hides or reorders rows.
"""

from __future__ import annotations

from sidebyside.data.comparison import VERDICTS, Comparison, Row, load_comparison
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import attr, href, page_title, source_html, text


def _evidence(ctx: RenderContext, table: Comparison, row: Row) -> str:
    url = href(ctx, row.evidence, table.path, row.evidence.line, f"row '{row.id}' evidence")
    title = page_title(ctx.config, row.evidence)
    cell = f'<a href="{attr(url)}">{text(title)}</a>'
    if row.source and row.as_of:
        cell += f'<br><span class="sbs-source">Source: {source_html(row.source, row.as_of)}</span>'
    return cell


def table_html(ctx: RenderContext, table: Comparison) -> str:
    """The table's HTML; every evidence link is queued for the anchor check with its data line."""
    out = [
        '<div class="sbs-cmp-wrap">',
        '<table class="sbs-cmp" id="sbs-comparison">',
        f"<caption>{len(table.rows)} criteria in {len(table.groups)} groups. Each verdict links to its evidence.</caption>",
        "<thead><tr>",
        '<th scope="col" data-sort="text">Criterion</th>',
        '<th scope="col">TensorFlow</th>',
        '<th scope="col">PyTorch</th>',
        '<th scope="col" data-sort="text">Verdict</th>',
        '<th scope="col">Evidence</th>',
        "</tr></thead>",
        "<tbody>",
    ]
    for group in table.groups:
        for row in group.rows:
            data = f'data-group="{group.id}" data-group-title="{attr(group.title)}" data-verdict="{row.verdict}"'
            out.append(f'<tr id="row-{row.id}" {data}>')
            criterion = f'<span class="sbs-cmp-criterion">{text(row.criterion)}</span>'
            out.append(f'<th scope="row">{criterion}<span class="sbs-cmp-group">{text(group.title)}</span></th>')
            out.append(f'<td data-label="TensorFlow">{text(row.tensorflow)}</td>')
            out.append(f'<td data-label="PyTorch">{text(row.pytorch)}</td>')
            verdict = f'<span class="sbs-verdict sbs-verdict--{row.verdict}">{VERDICTS[row.verdict]}</span>'
            depends = f" <em>Depends on:</em> {text(row.depends_on)}" if row.depends_on else ""
            out.append(f'<td data-label="Verdict">{verdict} {text(row.why)}{depends}</td>')
            out.append(f'<td data-label="Evidence">{_evidence(ctx, table, row)}</td>')
            out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


def render(ctx: RenderContext) -> str:
    return table_html(ctx, load_comparison())
