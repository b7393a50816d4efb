"""``@render community-facts``: the sourced facts of ``data/community.yml`` as tables.

One heading per section (its id from the data, so other pages can link to
it) and one table row per fact. Each row names its source and the day it
was read, so the reader sees how old every figure is.
"""

from __future__ import annotations

from sidebyside.data.community import COMMUNITY, Fact, Section, load_community
from sidebyside.data.facts import Record, latest_record
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext


def _cell(text: str) -> str:
    """Table cells may hold Markdown, but never a raw pipe or a line break."""
    return " ".join(text.split()).replace("|", "\\|")


def fact_row(fact: Fact, record: Record | None = None) -> str:
    """A table row; a registry fact shows the registry's answer and the day ``make facts`` checked it."""
    source = f"[{_cell(fact.source_title)}]({fact.source})<br><small>as of {fact.as_of.isoformat()}</small>"
    text, when = _cell(fact.text), fact.when or "–"
    if fact.registry:
        answer = record.answers.get(fact.registry) if record else None
        if answer is None:
            raise SiteError(COMMUNITY, fact.line, f"no registry answer for '{fact.registry}'", "add it to PACKAGES in sidebyside/tools/facts.py and run 'make facts'")
        text += f" **`{answer.version}`**"
        when = answer.released.isoformat()
        source += f"<br><small>[{answer.registry}]({answer.url}) checked {record.checked.isoformat()}</small>" if record else ""
    return f"| {fact.framework} | {when} | {text} | {source} |"


def section_markdown(section: Section, record: Record | None = None) -> str:
    lines = [f"## {section.title} {{ #{section.id} }}", ""]
    if section.intro:
        lines += [section.intro, ""]
    lines += ["| Framework | When | Fact | Source |", "| --- | --- | --- | --- |"]
    lines += [fact_row(fact, record) for fact in section.facts]
    return "\n".join(lines)


def render(ctx: RenderContext) -> str:
    record = latest_record()
    return "\n\n".join(section_markdown(section, record) for section in load_community())
