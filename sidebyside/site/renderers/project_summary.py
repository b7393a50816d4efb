"""``@render project-summary``: the home page's "at a glance", one row per kind of project.

It replaces an equal-weight count of table verdicts with the answer a reader
needs: for this kind of project, pick this, because of that, and here is the
runner-up and why it lost. Every cell comes from a decision leaf, and every
kind links to the comparison rows behind it (checked for contradictions).

Three columns keep a row a few lines tall on a desktop: the rows behind a
kind sit under it in small print, and the runner-up under the reason. The
pick is named once: a recommendation that already names its verdict
("PyTorch with FSDP2") becomes the badge itself.
"""

from __future__ import annotations

from sidebyside.data.decision import VERDICTS
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers._projects import checked
from sidebyside.site.weblinks import attr, href, text


def pick_cell(verdict: str, title: str, url: str) -> str:
    """The verdict badge holding the recommendation's link; the verdict's name is added only if the title lacks it."""
    label = VERDICTS[verdict]
    link = f'<a href="{attr(url)}">{text(title)}</a>'
    if label.lower() in title.lower():
        return f'<span class="sbs-verdict sbs-verdict--{verdict} sbs-pick">{link}</span>'
    return f'<span class="sbs-verdict sbs-verdict--{verdict}">{text(label)}</span> {link}'


def render(ctx: RenderContext) -> str:
    tree, table = checked()
    rows = {row.id: row for row in table.rows}
    lines = ['<div class="sbs-glance" markdown>', "", "| Kind of project | Pick | Why, and the runner-up |", "| --- | --- | --- |"]
    for project in tree.projects:
        leaf = tree.nodes[project.leaf]
        step = href(ctx, f"decide/chooser.md#step-{leaf.id}", tree.path, project.line, f"project '{project.kind}' chooser link")
        pick = pick_cell(leaf.verdict or "either", leaf.title, step)
        runner = (f'<br><small class="sbs-runner-up">Runner-up: {text(leaf.runner_up.pick)}: {text(leaf.runner_up.why)}</small>'
                  if leaf.runner_up else "")
        links = []
        for row_id in project.rows:
            url = href(ctx, f"decide/comparison.md#row-{row_id}", tree.path, project.line, f"project '{project.kind}' row link")
            links.append(f'<a href="{attr(url)}">{text(rows[row_id].criterion)}</a>')
        kind = f'{text(project.kind)}<br><small class="sbs-glance-rows">Table rows: {", ".join(links)}</small>'
        lines.append(f"| {kind} | {pick} | {text(leaf.why or '')}{runner} |")
    return "\n".join([*lines, "", "</div>"])
