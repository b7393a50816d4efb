"""HTML pieces shared by the renderers that show the release ledger (``data/releases/``).

The full ledger page, the topic pages' "what changed" sections and the
security table all show a change the same way: its kind, the sentence, the
page section that covers it (queued for the build's anchor check against
the ledger file's line) and its source.
"""

from __future__ import annotations

import re

from sidebyside.data.releases import Change, Package, Release
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import attr, href, page_title, text

NOT_SEARCHED = " data-search-exclude"
"""On the covering section's name, the source link and the release date: every ledger row repeats them and
nobody searches for them, while every reader downloads the search index before the first result."""


def release_id(package: Package, release: Release) -> str:
    """Anchor of a release on the ledger page: ``torch-2-13-0``, ``tensorflow-tfjs-4-22-0``."""
    return re.sub(r"[^a-z0-9]+", "-", f"{package.name}-{release.version}".lower()).strip("-")


def section_link(ctx: RenderContext, package: Package, change: Change) -> str:
    """A link to the section that covers ``change``, named by its page's title."""
    assert change.page is not None
    url = href(ctx, change.page, package.path, change.line, f"{change.kind} change of {package.name}")
    return f'<a href="{attr(url)}">{text(page_title(ctx.config, change.page))}</a>'


def security_html(change: Change) -> str:
    """``GHSA-… (CVE-…): affected < 3.9.0, fixed in 3.9.0``, as the advisory states them."""
    ids = " ".join(text(i) for i in (change.advisory, change.cve) if i)
    return f"{ids}: affected <code>{text(change.affected or '')}</code>, fixed in <code>{text(change.fixed or '')}</code>"


def change_html(ctx: RenderContext, package: Package, change: Change) -> str:
    """One change as list-item content: kind, sentence, security details, covering section or why none, source."""
    parts = [f'<span class="sbs-kind sbs-kind-{change.kind}">{change.kind}</span> {text(change.text)}']
    if change.kind == "security":
        parts.append(f"<br><small>{security_html(change)}</small>")
    where = section_link(ctx, package, change) if change.page else f"<em>{text(change.impact or '')}</em>"
    source = f' · <a href="{attr(change.source)}">source</a>' if change.source else ""
    parts.append(f"<br><small{NOT_SEARCHED}>{where}{source}</small>")
    return "".join(parts)
