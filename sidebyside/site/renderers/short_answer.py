"""``@render short-answer``: the recommendation stated once, grouped by what to pick.

Used in the home page's "Short answer" box and the flowchart page's verdict,
so both say exactly what the decision leaves say, in the same order.
"""

from __future__ import annotations

from sidebyside.data.decision import VERDICTS
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers._projects import checked
from sidebyside.site.weblinks import attr, href, text

LABELS = {"either": "Either framework", "keras": "Keras 3 on the PyTorch backend", "jax": "JAX, or Keras 3 on JAX"}
"""How a group is named when its verdict is not a single framework (falls back to VERDICTS)."""


def render(ctx: RenderContext) -> str:
    tree, _ = checked()
    groups: dict[str, list[str]] = {}
    for project in tree.projects:
        leaf = tree.nodes[project.leaf]
        url = href(ctx, f"decide/chooser.md#step-{leaf.id}", tree.path, project.line, f"project '{project.kind}' chooser link")
        groups.setdefault(leaf.verdict or "either", []).append(f'<a href="{attr(url)}">{text(project.kind)}</a>')
    lines = []
    for verdict, kinds in groups.items():
        label = LABELS.get(verdict, VERDICTS[verdict])
        lines.append(f"- **{text(label)}**: {'; '.join(kinds)}.")
    return "\n".join(lines)
