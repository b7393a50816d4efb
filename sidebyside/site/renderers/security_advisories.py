"""``@render security-advisories``: model-loading advisories from the ledger, against this site's pins.

Every ``kind: security`` change in ``data/releases/`` becomes a row: the
advisory (linked to its source), what it allows, the affected range and the
fixed version as the advisory states them, and what that means for the
versions pinned in ``requirements/*.txt``. A pin inside a range fails the
tests (``sidebyside.data.pins``) unless the entry says why it is safe here;
that reason is what the last column then shows.
"""

from __future__ import annotations

from sidebyside.data.pins import Pin, normalise, pinned_here, pins
from sidebyside.data.releases import SINCE, Change, Package, load_ledger
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers._ledger import NOT_SEARCHED, section_link
from sidebyside.site.weblinks import attr, text

PACKAGES = ("keras", "torch", "safetensors", "tensorflow")
"""The packages whose advisories concern loading a model file come first; other ledger packages follow."""


def _pins_cell(change: Change, package: Package, found: list[Pin]) -> str:
    inside = pinned_here(change, package, found)
    mine = sorted({pin.version for pin in found if pin.name == normalise(package.name)})
    if inside:
        return f"<strong>{', '.join(text(p.version) for p in inside)} affected</strong>: {text(change.safe_here or '')}"
    return f"{', '.join(f'<code>{text(v)}</code>' for v in mine)} not affected" if mine else "not pinned"


def render(ctx: RenderContext) -> str:
    found = pins()
    out = ['<table class="sbs-ledger-table sbs-advisories">',
           "<thead><tr><th>Advisory</th><th>What a crafted file could do</th><th>Affected</th><th>Fixed in</th><th>Pinned here</th></tr></thead>",
           "<tbody>"]
    ledger = {p.name: p for p in load_ledger()}
    order = [*PACKAGES, *sorted(set(ledger) - set(PACKAGES))]
    quiet = []
    for package in (ledger[name] for name in order if name in ledger):
        if not any(c.kind == "security" for r in package.releases for c in r.changes):
            quiet += [package.package] if package.name in PACKAGES else []
            continue
        for release in package.releases:
            for change in (c for c in release.changes if c.kind == "security"):
                ids = " / ".join(text(i) for i in (change.advisory, change.cve) if i)
                advisory = f'<a href="{attr(change.source)}">{ids}</a>' if change.source else ids
                elsewhere = change.page and change.page.partition("#")[0] != ctx.page_src
                where = f"<br><small>{section_link(ctx, package, change)}</small>" if elsewhere else ""
                out.append(f"<tr><td>{text(package.package)}<br>{advisory}</td><td>{text(change.text)}{where}</td>"
                           f"<td><code>{text(change.affected or '')}</code></td><td><code>{text(change.fixed or '')}</code></td>"
                           f"<td{NOT_SEARCHED}>{_pins_cell(change, package, found)}</td></tr>")
    out += ["</tbody>", "</table>"]
    if quiet:
        out.append(f"<p>The ledger records no advisory for {text(' or '.join(quiet))} in the releases since {SINCE:%B %Y}.</p>")
    return "\n".join(out)
