"""``@render decision-chooser``: the decision tree as one section per node.

Without JavaScript each question is a heading with links to the next
section, so reading offline, printing and site search all see every
question and recommendation. ``chooser.js`` turns the same markup into a
one-question-at-a-time chooser with buttons, a "your path" summary,
back/restart, and the path in the URL hash.
"""

from __future__ import annotations

from sidebyside.data.decision import VERDICTS, Node, Tree, load_decision
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import attr, href, page_title, source_html, text


def _question(ctx: RenderContext, tree: Tree, node: Node) -> list[str]:
    out = [f'<h2 id="step-{node.id}" tabindex="-1">{text(node.title)}</h2>']
    if node.help:
        out.append(f"<p>{text(node.help)}</p>")
    out.append('<ul class="sbs-answers">')
    for answer in node.answers:
        out.append(f'<li><a href="#step-{answer.next}" data-next="{answer.next}">{text(answer.text)}</a></li>')
    out.append("</ul>")
    evidence = node.evidence[0]
    url = href(ctx, evidence.target, tree.path, evidence.line, f"question '{node.id}' evidence")
    out.append(f'<p class="sbs-step-evidence">Background: <a href="{attr(url)}">{text(page_title(ctx.config, evidence.target))}</a></p>')
    return out


def _recommendation(ctx: RenderContext, tree: Tree, node: Node) -> list[str]:
    verdict = VERDICTS[node.verdict or "either"]
    out = [
        f'<h2 id="step-{node.id}" tabindex="-1">Recommendation: {text(node.title)}</h2>',
        f'<p><span class="sbs-verdict sbs-verdict--{node.verdict}">{text(verdict)}</span> {text(node.why or "")}</p>',
        '<ul class="sbs-evidence">',
    ]
    for link in node.evidence:
        url = href(ctx, link.target, tree.path, link.line, f"recommendation '{node.id}' evidence")
        out.append(f'<li><a href="{attr(url)}">{text(link.text)}</a></li>')
    out.append("</ul>")
    if node.runner_up:
        out.append(f'<p class="sbs-runner-up"><strong>Runner-up: {text(node.runner_up.pick)}.</strong> {text(node.runner_up.why)}</p>')
    if node.source and node.as_of:
        out.append(f'<p class="sbs-source">Source: {source_html(node.source, node.as_of)}</p>')
    out.append(f'<p class="sbs-restart-link"><a href="#step-{tree.start}">Start again</a></p>')
    return out


def chooser_html(ctx: RenderContext, tree: Tree) -> str:
    out = [f'<div class="sbs-chooser" data-start="{tree.start}">']
    for node in tree.nodes.values():
        kind = "question" if node.is_question else "recommendation"
        out.append(f'<section class="sbs-step sbs-step--{kind}" data-node="{node.id}" aria-labelledby="step-{node.id}">')
        out.extend(_question(ctx, tree, node) if node.is_question else _recommendation(ctx, tree, node))
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out)


def render(ctx: RenderContext) -> str:
    return chooser_html(ctx, load_decision())
