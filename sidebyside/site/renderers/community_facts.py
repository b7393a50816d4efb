"""``@render community-facts``: the sourced facts of ``data/community.yml`` as tables.

One heading per section (its id from the data, so other pages can link to
it) and one table row per fact. Each row names its source and the day it
was read, so the reader sees how old every figure is.
"""

from __future__ import annotations

from sidebyside.data.community import Fact, Section, load_community
from sidebyside.site.renderers import RenderContext


def _cell(text: str) -> str:
    """Table cells may hold Markdown, but never a raw pipe or a line break."""
    return " ".join(text.split()).replace("|", "\\|")


def fact_row(fact: Fact) -> str:
    source = f"[{_cell(fact.source_title)}]({fact.source})<br><small>as of {fact.as_of.isoformat()}</small>"
    return f"| {fact.framework} | {fact.when or '–'} | {_cell(fact.text)} | {source} |"


def section_markdown(section: Section) -> str:
    lines = [f"## {section.title} {{ #{section.id} }}", ""]
    if section.intro:
        lines += [section.intro, ""]
    lines += ["| Framework | When | Fact | Source |", "| --- | --- | --- | --- |"]
    lines += [fact_row(fact) for fact in section.facts]
    return "\n".join(lines)


def render(ctx: RenderContext) -> str:
    return "\n\n".join(section_markdown(section) for section in load_community())
