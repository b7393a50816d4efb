"""``@render release-changes``: a page's "what changed since older articles", read from the ledger.

Lists every ledger change whose ``page:`` is the page being rendered, newest
release first: the release (linked to its entry on the ledger page), the
change with its section on this page, and what older articles still say
(``older:``) where the entry gives it. One copy of each change: the ledger.
"""

from __future__ import annotations

from sidebyside.data.releases import changes_on, load_ledger
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers._ledger import change_html, release_id
from sidebyside.site.weblinks import attr, href, text

LEDGER_PAGE = "reference/releases.md"


def render(ctx: RenderContext) -> str:
    found = changes_on(load_ledger(), ctx.page_src)
    if not found:
        return "<p>No release since January 2024 changed what this page shows.</p>"
    out = ['<table class="sbs-ledger-table">', "<thead><tr><th>Release</th><th>What changed</th><th>Older articles say</th></tr></thead>", "<tbody>"]
    for package, release, change in found:
        url = href(ctx, f"{LEDGER_PAGE}#{release_id(package, release)}", package.path, release.line, f"release {release.version}")
        older = text(change.older) if change.older else "–"
        out.append(f'<tr><td><a href="{attr(url)}">{text(package.package)} {text(release.version)}</a><br><small>{release.date.isoformat()}</small></td>'
                   f"<td>{change_html(ctx, package, change)}</td><td>{older}</td></tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)
