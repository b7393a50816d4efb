"""``@render release-ledger``: every reviewed release of the tracked packages this page lists, filterable.

The page lists the framework groups ``LEDGER_PAGES`` gives it. One block per package (grouped by the ledger's ``framework``), one entry per
release, newest first, each anchored ``#<package>-<version>`` and linked to
its release notes; each change carries its kind and links the section of
this site that covers it. The framework and kind filters are a progressive
enhancement (``release-ledger.js``): without script every release is shown.
"""

from __future__ import annotations

from collections import Counter

from sidebyside import ROOT
from sidebyside.data.releases import FRAMEWORKS, KINDS, LEDGER_PAGES, Package, load_ledger
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers._ledger import change_html, release_id
from sidebyside.site.weblinks import attr, text


def _select(name: str, label: str, options: tuple[str, ...]) -> str:
    choices = "".join(f'<option value="{attr(o)}">{text(o)}</option>' for o in options)
    return (f'<label>{label} <select id="sbs-ledger-{name}" data-filter="{name}">'
            f'<option value="">all</option>{choices}</select></label>')


def _package(ctx: RenderContext, package: Package) -> list[str]:
    """One package's block; the day the notes were read is stated once when it is the same for most releases."""
    usual = Counter(r.as_of for r in package.releases).most_common(1)[0][0]
    out = [f'<section class="sbs-ledger-package" data-framework="{attr(package.framework)}">',
           f'<h3 id="ledger-{attr(package.path.stem)}">{text(package.package)} <small>({package.registry}: <code>{text(package.name)}</code>, '
           f'{text(package.framework)}, <a href="{attr(package.notes_url)}">all release notes</a>; notes read {usual.isoformat()} '
           "unless a release says otherwise)</small></h3>"]
    for release in package.releases:
        kinds = " ".join(sorted({c.kind for c in release.changes}))
        read = f", read {release.as_of.isoformat()}" if release.as_of != usual else ""
        out.append(f'<div class="sbs-ledger-release" id="{release_id(package, release)}" data-kinds="{kinds}">')
        out.append(f'<p><strong>{text(release.version)}</strong> · {release.date.isoformat()} · <a href="{attr(release.source)}">notes</a>{read}</p>')
        if release.nothing:
            out.append(f'<p class="sbs-ledger-nothing">Nothing for readers: {text(release.nothing)}</p>')
        else:
            items = "".join(f'<li data-kind="{c.kind}">{change_html(ctx, package, c)}</li>' for c in release.changes)
            out.append(f"<ul>{items}</ul>")
        out.append("</div>")
    out.append("</section>")
    return out


def _summary(packages: list[Package]) -> list[str]:
    """Per package: releases, changes of each kind and releases with nothing for readers."""
    head = "".join(f"<th>{k}</th>" for k in KINDS)
    out = ['<details class="sbs-ledger-summary"><summary>Releases and changes per package</summary>',
           f'<table class="sbs-ledger-table"><thead><tr><th>Package</th><th>Releases</th>{head}<th>Nothing for readers</th></tr></thead><tbody>']
    for package in packages:
        kinds = Counter(c.kind for r in package.releases for c in r.changes)
        cells = "".join(f"<td>{kinds[k]}</td>" for k in KINDS)
        quiet = sum(1 for r in package.releases if r.nothing)
        name = f'<a href="#ledger-{attr(package.path.stem)}">{text(package.package)}</a>'
        out.append(f"<tr><td>{name}</td><td>{len(package.releases)}</td>{cells}<td>{quiet}</td></tr>")
    out.append("</tbody></table></details>")
    return out


def render(ctx: RenderContext) -> str:
    if ctx.page_src not in LEDGER_PAGES:
        raise SiteError(ROOT / "docs" / ctx.page_src, ctx.line, "@render release-ledger on a page LEDGER_PAGES does not name",
                        f"use it on {' or '.join(LEDGER_PAGES)}, or add this page to LEDGER_PAGES (sidebyside/data/releases.py)")
    packages = [p for p in load_ledger() if p.framework in LEDGER_PAGES[ctx.page_src]]
    frameworks = tuple(f for f in FRAMEWORKS if any(p.framework == f for p in packages))
    releases = sum(len(p.releases) for p in packages)
    changes = sum(len(r.changes) for p in packages for r in p.releases)
    out = ['<div class="sbs-ledger-filters" role="group" aria-label="Filter the releases">',
           _select("framework", "Framework", frameworks), _select("kind", "Kind of change", KINDS),
           f'<span id="sbs-ledger-count" aria-live="polite">{releases} releases, {changes} changes</span>', "</div>", *_summary(packages)]
    for framework in frameworks:
        for package in (p for p in packages if p.framework == framework):
            out += _package(ctx, package)
    return "\n".join(out)
