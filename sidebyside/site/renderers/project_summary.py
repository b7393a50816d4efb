"""``@render project-summary``: the home page's "at a glance", one row per kind of project.

It replaces an equal-weight count of table verdicts with the answer a reader
needs: for this kind of project, pick this, because of that, and here is the
runner-up and why it lost. Every cell comes from a decision leaf, and every
kind links to the comparison rows behind it (checked for contradictions).
"""

from __future__ import annotations

from sidebyside.data.decision import VERDICTS
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers._projects import checked
from sidebyside.site.weblinks import attr, href, text


def render(ctx: RenderContext) -> str:
    tree, table = checked()
    rows = {row.id: row for row in table.rows}
    lines = ["| Kind of project | Pick | Why | Runner-up | Table rows |", "| --- | --- | --- | --- | --- |"]
    for project in tree.projects:
        leaf = tree.nodes[project.leaf]
        step = href(ctx, f"decide/chooser.md#step-{leaf.id}", tree.path, project.line, f"project '{project.kind}' chooser link")
        pick = (f'<span class="sbs-verdict sbs-verdict--{leaf.verdict}">{text(VERDICTS[leaf.verdict or "either"])}</span> '
                f'<a href="{attr(step)}">{text(leaf.title)}</a>')
        runner = f"{text(leaf.runner_up.pick)}: {text(leaf.runner_up.why)}" if leaf.runner_up else "–"
        links = []
        for row_id in project.rows:
            url = href(ctx, f"decide/comparison.md#row-{row_id}", tree.path, project.line, f"project '{project.kind}' row link")
            links.append(f'<a href="{attr(url)}">{text(rows[row_id].criterion)}</a>')
        lines.append(f"| {text(project.kind)} | {pick} | {text(leaf.why or '')} | {runner} | {', '.join(links)} |")
    return "\n".join(lines)
