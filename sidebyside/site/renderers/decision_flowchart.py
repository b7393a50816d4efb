"""``@render decision-flowchart``: the committed flowchart SVG, inlined, with live links.

Inlined (not an ``<img>``) so the boxes are real links, the text follows the
theme's colour in dark mode, and the page needs no extra request. The SVG
holds ``sbs:<node-id>`` placeholders; each becomes the page-relative URL of
that node's first evidence link, checked like any other generated link.
A text outline of the same tree follows for readers who cannot use the picture.
"""

from __future__ import annotations

import re

from sidebyside.data.decision import VERDICTS, Tree, load_decision
from sidebyside.errors import SiteError
from sidebyside.site.flowchart import FLOWCHART, check_current
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import attr, href, text

_PLACEHOLDER_RE = re.compile(r'xlink:href="sbs:([a-z0-9-]+)"')


def inline_svg(ctx: RenderContext, tree: Tree, svg: str) -> str:
    """The SVG element alone, with placeholders replaced by checked evidence URLs."""
    check_current(tree, svg)
    start = svg.find("<svg ")
    svg = re.sub(r"<!--.*?-->\n?", "", svg[start:], flags=re.DOTALL).strip()

    def link(match: re.Match[str]) -> str:
        node = tree.nodes.get(match.group(1))
        if node is None:
            problem = f"the flowchart links node '{match.group(1)}', which the data lacks"
            raise SiteError(FLOWCHART, None, problem, "regenerate it: make flowchart")
        first = node.evidence[0]
        return f'xlink:href="{attr(href(ctx, first.target, tree.path, first.line, f"node {node.id!r} evidence"))}"'

    return _PLACEHOLDER_RE.sub(link, svg)


def outline(ctx: RenderContext, tree: Tree) -> str:
    """The tree as nested lists: the same content as the picture, in reading order."""
    shown: set[str] = set()

    def item(node_id: str) -> str:
        node = tree.nodes[node_id]
        step = href(ctx, f"decide/chooser.md#step-{node_id}", tree.path, node.line, f"node '{node_id}' chooser link")
        if node_id in shown:
            return f'<a href="{attr(step)}">{text(node.title)}</a> (see above)'
        shown.add(node_id)
        if not node.is_question:
            return f'<strong><a href="{attr(step)}">{text(node.title)}</a></strong>'
        answers = "".join(f"<li>{text(a.text)}: {item(a.next)}</li>" for a in node.answers)
        return f"{text(node.title)}<ul>{answers}</ul>"

    return f"<ul><li>{item(tree.start)}</li></ul>"


def render(ctx: RenderContext) -> str:
    tree = load_decision()
    svg = FLOWCHART.read_text(encoding="utf-8")
    legend = "".join(
        f'<li><span class="sbs-swatch sbs-swatch--{key}"></span>{text(label)}</li>' for key, label in VERDICTS.items()
    )
    return "\n".join(
        [
            '<figure class="sbs-flowchart">',
            f'<div class="sbs-flowchart-scroll" data-start-node="fc-{tree.start}" role="region" tabindex="0"'
            ' aria-label="Flowchart, scrolls sideways on small screens">',
            inline_svg(ctx, tree, svg),
            "</div>",
            f'<figcaption>Start at the top. Each box links to its evidence. <ul class="sbs-legend">{legend}</ul></figcaption>',
            "</figure>",
            "",
            f'<details class="sbs-outline"><summary>The same tree as text</summary>{outline(ctx, tree)}</details>',
        ]
    )
