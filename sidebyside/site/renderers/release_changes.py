"""``@render release-changes``: a page's "what changed since older articles", read from the ledger.

Lists every ledger change whose ``page:`` is the page being rendered, newest
release first: the release (linked to its entry on the ledger page), the
change with its section on this page, and what older articles still say
(``older:``) where the entry gives it. One copy of each change: the ledger.
"""

from __future__ import annotations

from sidebyside.data.releases import SINCE, changes_on, ledger_page, load_ledger
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers._ledger import NOT_SEARCHED, change_html, release_id
from sidebyside.site.weblinks import attr, href, text

OPEN_UP_TO = 8
"""Longer lists start folded, so the section's own table stays in view."""


def render(ctx: RenderContext) -> str:
    found = changes_on(load_ledger(), ctx.page_src)
    since = f"{SINCE:%B %Y}"
    if not found:
        return f"<p>No release since {since} changed what this page shows.</p>"
    ledger = href(ctx, ledger_page(found[0][0]), found[0][0].path, None, "release ledger page")
    older = sum(1 for *_, change in found if change.older)
    out = [f'<details class="sbs-ledger-changes"{" open" if len(found) <= OPEN_UP_TO else ""}>',
           f"<summary>{len(found)} change{'s' if len(found) > 1 else ''} in releases since {since} concern{'' if len(found) > 1 else 's'} this page"
           f"{f', {older} of them correcting older articles' if older else ''}</summary>",
           f'<p>From the <a href="{attr(ledger)}">release ledger</a>, newest first.</p>',
           '<table class="sbs-ledger-table">', f"<thead><tr><th>Release</th><th>What changed</th>{'<th>Older articles say</th>' if older else ''}</tr></thead>",
           "<tbody>"]
    for package, release, change in found:
        url = href(ctx, f"{ledger_page(package)}#{release_id(package, release)}", package.path, release.line, f"release {release.version}")
        said = f"<td>{text(change.older) if change.older else '–'}</td>" if older else ""
        date = f"<small{NOT_SEARCHED}>{release.date.isoformat()}</small>"
        out.append(f'<tr><td><a href="{attr(url)}">{text(package.package)} {text(release.version)}</a><br>{date}</td>'
                   f"<td>{change_html(ctx, package, change)}</td>{said}</tr>")
    out += ["</tbody>", "</table>", "</details>"]
    return "\n".join(out)
