"""``@render fact-check``: verdicts on a popular article's claims, from data/claims.yml.

Claims are raw HTML cards (``<h3 id=claim-id>``) under one ``##`` section per
topic: the table of contents lists topics, search indexes each claim. Every
in-site evidence link goes through ``ctx.link`` so a missing anchor fails
the build naming data/claims.yml and the evidence's line; ``weblinks.href``
turns it into the built page's URL, since MkDocs does not rewrite raw HTML.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from sidebyside.pairs.catalog import suggest
from sidebyside.data.claims import VERDICTS, Evidence, load_claims
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import href

_CODE_RE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """Escape text for HTML; `backticks` become <code>, the only markup the data uses."""
    return _CODE_RE.sub(r"<code>\1</code>", html.escape(text, quote=False))


def badge(verdict: str) -> str:
    slug = verdict.replace(" ", "-")
    return f'<span class="sbs-fc-badge sbs-fc-{slug}">{verdict.capitalize()}</span>'


def _link(ctx: RenderContext, evidence: Evidence, origin: Path) -> str:
    if evidence.kind == "url":
        return f'<a href="{html.escape(evidence.target)}">{inline(evidence.label)}</a> (source, as of {evidence.as_of.isoformat()})'
    if evidence.kind == "pair":
        pair = ctx.pairs.get(evidence.target)
        if pair is None:
            raise SiteError(origin, evidence.line, f"unknown pair '{evidence.target}'", suggest(evidence.target, sorted(ctx.pairs)))
        topic, name = evidence.target.split("/")
        url = href(ctx, f"topics/{topic}.md#pair-{name}", origin, evidence.line, "pair evidence")
        label = evidence.label or pair.title
        return f'<a href="{url}">{inline(label)}</a> (executed pair)'
    url = href(ctx, evidence.target, origin, evidence.line, "evidence link")
    return f'<a href="{url}">{inline(evidence.label or evidence.target)}</a> (this site)'


def render(ctx: RenderContext) -> str:
    check = load_claims()
    claims = check.claims()
    counts = Counter(claim.verdict for claim in claims)
    article = check.article
    tally = "".join(f"<li>{badge(v)} {counts[v]}</li>" for v in VERDICTS)
    lines = [
        f'<p>The article <a href="{html.escape(article.url)}"><em>{inline(article.title)}</em></a> ({inline(article.publisher)}, '
        f"read as of {article.as_of.isoformat()}) makes {len(claims)} checkable claims. Each is restated below in our words "
        "with a verdict and the evidence: an executed pair on this site where code can settle it, otherwise a dated source.</p>",
        f'<ul class="sbs-fc-summary" aria-label="Verdict counts">{tally}</ul>',
        "",
        "## What changed since the article was written { #what-changed }",
        "",
        "<ul>",
    ]
    for change in check.changes:
        links = "; ".join(_link(ctx, e, check.path) for e in change.evidence)
        lines.append(f"<li>{inline(change.text)} Evidence: {links}.</li>")
    lines += ["</ul>", ""]
    for topic in check.topics:
        lines += [f"## {topic.title} {{ #{topic.id} }}", ""]
        for claim in topic.claims:
            slug = claim.verdict.replace(" ", "-")
            evidence = "".join(f"<li>{_link(ctx, e, check.path)}</li>" for e in claim.evidence)
            quote = f'<p class="sbs-claim-meta">The article: “{inline(claim.quote)}”</p>' if claim.quote else ""
            card = [
                f'<div class="sbs-claim sbs-fc-{slug}">',
                f'<h3 id="{claim.id}">{badge(claim.verdict)} {inline(claim.claim)}'
                f'<a class="headerlink" href="#{claim.id}" title="Permanent link">&para;</a></h3>',
                quote,
                f"<p>{inline(claim.explanation)}</p>",
                f'<p class="sbs-claim-meta">Evidence:</p><ul>{evidence}</ul>',
                "</div>",
            ]
            # one raw HTML block: a blank line inside would end it
            lines += [line for line in card if line] + [""]
    return "\n".join(lines)
