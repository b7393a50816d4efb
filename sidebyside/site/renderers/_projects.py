"""Shared by ``project-summary`` and ``short-answer``: the checked summary by kind of project.

Both renderers read the same ``projects`` list of ``data/decision.yml`` and
refuse to render while a kind's leaf contradicts a comparison row it cites,
so the home page, the flowchart page and the table cannot drift apart.
"""

from __future__ import annotations

from sidebyside import ROOT
from sidebyside.data.comparison import Comparison, load_comparison
from sidebyside.data.consistency import contradictions
from sidebyside.data.decision import Tree, load_decision
from sidebyside.errors import SiteError


def checked() -> tuple[Tree, Comparison]:
    """Load both data files; raise the first contradiction (summary vs table, or a page's verdict box vs table)."""
    tree, table = load_decision(), load_comparison()
    problems = contradictions(tree, table, ROOT / "docs")
    if problems:
        raise problems[0]
    if not tree.projects:
        raise SiteError(tree.path, None, "no 'projects' list", "add the summary by kind of project to decision.yml")
    return tree, table
