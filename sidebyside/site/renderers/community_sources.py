"""``@render community-sources``: every source behind the community facts, once.

Listed in the order first cited, each with the latest day it was read, so
the page's Sources section cannot drift from the facts shown above it.
"""

from __future__ import annotations

import datetime

from sidebyside.data.community import Section, load_community
from sidebyside.site.renderers import RenderContext


def sources_markdown(sections: list[Section]) -> str:
    read: dict[str, tuple[str, datetime.date]] = {}
    for section in sections:
        for fact in section.facts:
            title, as_of = read.get(fact.source, (fact.source_title, fact.as_of))
            read[fact.source] = (title, max(as_of, fact.as_of))
    return "\n".join(f"- {title}: <{url}> (as of {as_of.isoformat()})" for url, (title, as_of) in read.items())


def render(ctx: RenderContext) -> str:
    return sources_markdown(load_community())
