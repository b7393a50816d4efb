"""Load and validate ``data/claims.yml``, the fact-check of a widely read comparison article.

Each claim is the article's statement in our own words, a verdict, one
paragraph of explanation and at least one piece of evidence. Evidence is,
in order of preference, an executed pair on this site (``pair:``), a section
of this site (``page:``), or an outside source (``url:`` with ``as_of:``).
Pair and page evidence is linked through ``RenderContext.link`` by the
renderer, so a missing anchor fails the build with this file's line.

File shape::

    article: {title: ..., publisher: ..., url: ..., as_of: 2026-11-26}
    changes:                       # what changed since the article was written
      - text: "..."
        evidence: [{page: topics/execution-model.md#eager-by-default}]
    topics:
      - id: execution-model
        title: Graphs and execution
        claims:
          - id: tf-static-graphs
            claim: "..."
            verdict: outdated       # true | partly true | outdated | false
            explanation: "..."
            evidence:
              - pair: execution-model/eager-by-default
              - url: https://...
                label: "..."
                as_of: 2026-11-26
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.yamlsrc import LocatedDict

CLAIMS = ROOT / "data" / "claims.yml"

VERDICTS = ("true", "partly true", "outdated", "false")
"""In the order the page summarises them."""

CLAIM_KEYS = {"id", "claim", "verdict", "explanation", "evidence"}
MAX_QUOTE_WORDS = 12
"""A quoted phrase from the article stays short: we paraphrase, we do not copy."""


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence; exactly one of pair/page/url is set."""

    kind: str
    target: str
    """A ``PairRef``, a ``PageLink`` or an https URL, depending on ``kind``."""
    label: str
    as_of: datetime.date | None
    line: int


@dataclass
class Claim:
    """One checkable statement of the article with our verdict."""

    id: str
    topic: str
    claim: str
    quote: str
    verdict: str
    explanation: str
    evidence: list[Evidence]
    line: int


@dataclass
class Topic:
    """A group of claims; one section of the page."""

    id: str
    title: str
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Change:
    """One line of the 'what changed since' summary."""

    text: str
    evidence: list[Evidence]
    line: int


@dataclass
class Article:
    """The article being checked."""

    title: str
    publisher: str
    url: str
    as_of: datetime.date


@dataclass
class FactCheck:
    """The whole file, validated."""

    article: Article
    changes: list[Change]
    topics: list[Topic]
    path: Path

    def claims(self) -> list[Claim]:
        return [claim for topic in self.topics for claim in topic.claims]


def _evidence(owner: LocatedDict, what: str) -> list[Evidence]:
    raw = fields.items(owner, "evidence", what, "add evidence: [{pair: topic/pair}] or a page or url")
    found: list[Evidence] = []
    for item in raw:
        item = fields.mapping(item, raw, None, f"{what}: an evidence item", "write - page: topics/x.md#anchor")
        kinds = [k for k in ("pair", "page", "url") if k in item]
        if len(kinds) != 1:
            raise item.error(None, f"{what}: evidence needs exactly one of pair, page, url", "split it into separate items")
        kind = kinds[0]
        if kind == "url":
            fields.keys(item, {"url", "label", "as_of"}, (), f"{what} evidence")
            found.append(Evidence("url", fields.url(item, "url", what), fields.text(item, "label", what),
                                  fields.as_of(item, "as_of", what), item.line))
            continue
        fields.keys(item, {kind}, {"label"}, f"{what} evidence")
        target = fields.pair_ref(item, "pair", what) if kind == "pair" else fields.page_link(item, "page", what)
        found.append(Evidence(kind, target, fields.text(item, "label", what, default=""), None, item.line))
    return found


def _claim(raw: LocatedDict, what: str, topic: str, seen: dict[str, int]) -> Claim:
    claim_id = fields.slug(raw, "id", "claim", seen)
    explanation = raw.get("explanation")
    if isinstance(explanation, str) and re.search(r"\n\s*\n", explanation.strip()):
        raise raw.error("explanation", f"{what}: the explanation must be one paragraph", "remove the blank line")
    quote = fields.text(raw, "quote", what, default="")
    if len(quote.split()) > MAX_QUOTE_WORDS:
        problem = f"{what}: quote has {len(quote.split())} words"
        raise raw.error("quote", problem, f"quote at most {MAX_QUOTE_WORDS} words; paraphrase the rest")
    return Claim(
        id=claim_id,
        topic=topic,
        claim=fields.text(raw, "claim", what),
        quote=quote,
        verdict=fields.one_of(raw, "verdict", VERDICTS, what),
        explanation=fields.text(raw, "explanation", what),
        evidence=_evidence(raw, what),
        line=raw.line,
    )


def _article(data: LocatedDict) -> Article:
    raw = fields.mapping(data.get("article"), data, "article", "'article'", "give title, publisher, url and as_of")
    fields.keys(raw, {"title", "publisher", "url", "as_of"}, (), "article")
    return Article(fields.text(raw, "title", "article"), fields.text(raw, "publisher", "article"),
                   fields.url(raw, "url", "article"), fields.as_of(raw, "as_of", "article"))


def _changes(data: LocatedDict) -> list[Change]:
    return [Change(fields.text(item, "text", what), _evidence(item, what), item.line)
            for item, what in fields.records(data, "changes", "claims file", "change", {"text", "evidence"})]


@loader("claims.yml")
def load_claims(path: Path = CLAIMS) -> FactCheck:
    """Parse and validate the file; the first problem raises SiteError with its line."""
    data = fields.document(path, {"article", "changes", "topics"})
    topics: list[Topic] = []
    seen: dict[str, int] = {}  # topic and claim ids share the page's anchors
    for raw_topic, what in fields.records(data, "topics", "claims file", "topic", {"id", "title", "claims"}):
        topic = Topic(fields.slug(raw_topic, "id", "topic", seen), fields.text(raw_topic, "title", what))
        for raw_claim, claim_what in fields.records(raw_topic, "claims", what, "claim", CLAIM_KEYS, {"quote"}):
            topic.claims.append(_claim(raw_claim, claim_what, topic.id, seen))
        topics.append(topic)
    return FactCheck(_article(data), _changes(data), topics, path)
