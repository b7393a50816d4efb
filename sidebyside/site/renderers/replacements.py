"""``@render replacements``: the "what replaced what" table from ``data/replacements.yml``.

One row per retired or renamed piece, anchored ``#old-<id>`` so other pages
and search results can point at it. The aliases are shown too: they are the
names a reader arrives with.
"""

from __future__ import annotations

from sidebyside.data.replacements import REPLACEMENTS, load_replacements
from sidebyside.data.status import load_status
from sidebyside.site.renderers import RenderContext
from sidebyside.site.status_inline import status_html
from sidebyside.site.weblinks import attr, href, text


def render(ctx: RenderContext) -> str:
    out = ['<table class="sbs-replacements">', "<thead><tr><th>Old name</th><th>Status</th><th>Use instead</th>"
           "<th>Shown working</th><th>Source</th></tr></thead>", "<tbody>"]
    records = {subject.id: subject for subject in load_status()}
    for entry in load_replacements():
        url = href(ctx, entry.shown_link, REPLACEMENTS, entry.line, f"replacement '{entry.id}' shown_by")
        aliases = ", ".join(f"<code>{text(a)}</code>" for a in entry.aliases)
        status = f"{text(entry.status.capitalize())}" + (f" ({text(entry.date)})" if entry.date else "")
        if entry.id in records:  # the status record's words and condition, not a second copy of them
            status = status_html(records[entry.id]) + (f" ({text(entry.date)})" if entry.date else "")
        out.append(
            f'<tr id="old-{entry.id}"><td><strong>{text(entry.old)}</strong><br><small>{text(entry.framework)}; also written {aliases}</small></td>'
            f"<td>{status}</td><td>{text(entry.replacement)}</td>"
            f'<td><a href="{attr(url)}">{text(entry.shown_text)}</a></td>'
            f'<td><a href="{attr(entry.source)}">{text(entry.source_title)}</a><br><small>checked {entry.as_of.isoformat()}</small></td></tr>'
        )
    out += ["</tbody>", "</table>"]
    return "\n".join(out)
