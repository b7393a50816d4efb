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
from sidebyside.data.yamlsrc import LocatedDict, LocatedList, load_yaml, require_keys
from sidebyside.errors import SiteError

CLAIMS = ROOT / "data" / "claims.yml"

VERDICTS = ("true", "partly true", "outdated", "false")
"""In the order the page summarises them."""

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAIR_RE = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")
MAX_QUOTE_WORDS = 12
"""A quoted phrase from the article stays short: we paraphrase, we do not copy."""


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence; exactly one of pair/page/url is set."""

    kind: str
    target: str
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


def _text(path: Path, item: LocatedDict, key: str, what: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SiteError(path, item.line_of(key), f"{what}: '{key}' must be a non-empty string", f"write {key}: \"...\"")
    return " ".join(value.split())


def _date(path: Path, item: LocatedDict, what: str) -> datetime.date:
    value = item.get("as_of")
    if isinstance(value, datetime.date):
        return value
    raise SiteError(path, item.line_of("as_of"), f"{what}: 'as_of' must be a date YYYY-MM-DD, got {value!r}", "write as_of: 2026-11-26")


def _url(path: Path, item: LocatedDict, what: str) -> str:
    url = _text(path, item, "url", what)
    if not url.startswith("https://"):
        raise SiteError(path, item.line_of("url"), f"{what}: url must start with https://", "link the https address of the source")
    return url


def _evidence(path: Path, owner: LocatedDict, what: str) -> list[Evidence]:
    raw = owner.get("evidence")
    if not isinstance(raw, LocatedList) or not raw:
        raise SiteError(path, owner.line_of("evidence"), f"{what} has no evidence", "add evidence: [{pair: topic/pair}] or a page or url")
    found: list[Evidence] = []
    for item in raw:
        if not isinstance(item, LocatedDict):
            raise SiteError(path, raw.line, f"{what}: each evidence item must be a mapping", "write - page: topics/x.md#anchor")
        kinds = [k for k in ("pair", "page", "url") if k in item]
        if len(kinds) != 1:
            raise SiteError(path, item.line, f"{what}: evidence needs exactly one of pair, page, url", "split it into separate items")
        kind = kinds[0]
        if kind == "url":
            require_keys(path, item, {"url", "label", "as_of"}, set(), f"{what} evidence")
            found.append(Evidence("url", _url(path, item, what), _text(path, item, "label", what), _date(path, item, what), item.line))
            continue
        require_keys(path, item, {kind}, {"label"}, f"{what} evidence")
        target = _text(path, item, kind, what)
        if kind == "pair" and not PAIR_RE.match(target):
            raise SiteError(path, item.line_of("pair"), f"{what}: pair '{target}' is not 'topic/pair'", "e.g. pair: execution-model/eager-by-default")
        if kind == "page" and not target.split("#")[0].endswith(".md"):
            raise SiteError(path, item.line_of("page"), f"{what}: page '{target}' is not a docs-relative .md path", "e.g. topics/debugging.md#anchor")
        label = _text(path, item, "label", what) if "label" in item else ""
        found.append(Evidence(kind, target, label, None, item.line))
    return found


def _verdict(path: Path, item: LocatedDict, what: str) -> str:
    value = item.get("verdict")
    if isinstance(value, bool):  # YAML reads a bare true/false as a boolean
        value = "true" if value else "false"
    if value not in VERDICTS:
        raise SiteError(path, item.line_of("verdict"), f"{what} has unknown verdict {value!r}", f"use one of: {', '.join(VERDICTS)}")
    return value


def _claim(path: Path, raw: object, topic: str, line: int) -> Claim:
    if not isinstance(raw, LocatedDict):
        raise SiteError(path, line, "a claim must be a mapping", "start it with '- id: ...'")
    what = f"claim '{raw.get('id', '?')}'"
    require_keys(path, raw, {"id", "claim", "verdict", "explanation", "evidence"}, {"quote"}, what)
    claim_id = _text(path, raw, "id", what)
    if not ID_RE.match(claim_id):
        raise SiteError(path, raw.line_of("id"), f"claim id '{claim_id}' is not lowercase-hyphen", "use e.g. tf-static-graphs")
    explanation = raw.get("explanation")
    if isinstance(explanation, str) and re.search(r"\n\s*\n", explanation.strip()):
        raise SiteError(path, raw.line_of("explanation"), f"{what}: the explanation must be one paragraph", "remove the blank line")
    quote = _text(path, raw, "quote", what) if "quote" in raw else ""
    if len(quote.split()) > MAX_QUOTE_WORDS:
        problem = f"{what}: quote has {len(quote.split())} words"
        raise SiteError(path, raw.line_of("quote"), problem, f"quote at most {MAX_QUOTE_WORDS} words; paraphrase the rest")
    return Claim(
        id=claim_id,
        topic=topic,
        claim=_text(path, raw, "claim", what),
        quote=quote,
        verdict=_verdict(path, raw, what),
        explanation=_text(path, raw, "explanation", what),
        evidence=_evidence(path, raw, what),
        line=raw.line,
    )


def _article(path: Path, data: LocatedDict) -> Article:
    raw = data.get("article")
    if not isinstance(raw, LocatedDict):
        raise SiteError(path, data.line_of("article"), "'article' must be a mapping", "give title, publisher, url and as_of")
    require_keys(path, raw, {"title", "publisher", "url", "as_of"}, set(), "article")
    return Article(_text(path, raw, "title", "article"), _text(path, raw, "publisher", "article"), _url(path, raw, "article"), _date(path, raw, "article"))


def _changes(path: Path, data: LocatedDict) -> list[Change]:
    raw = data.get("changes")
    if not isinstance(raw, LocatedList) or not raw:
        raise SiteError(path, data.line_of("changes"), "'changes' must be a non-empty list", "summarise what changed since the article")
    changes = []
    for item in raw:
        if not isinstance(item, LocatedDict):
            raise SiteError(path, raw.line, "each change must be a mapping", "write - text: ... evidence: [...]")
        require_keys(path, item, {"text", "evidence"}, set(), "change")
        changes.append(Change(_text(path, item, "text", "change"), _evidence(path, item, "change"), item.line))
    return changes


def load_claims(path: Path = CLAIMS) -> FactCheck:
    """Parse and validate the file; the first problem raises SiteError with its line."""
    data = load_yaml(path)
    if not isinstance(data, LocatedDict):
        raise SiteError(path, 1, "the file must be a mapping", "see sidebyside/data/claims.py")
    require_keys(path, data, {"article", "changes", "topics"}, set(), "claims file")
    topics_raw = data["topics"]
    if not isinstance(topics_raw, LocatedList) or not topics_raw:
        raise SiteError(path, data.line_of("topics"), "'topics' must be a non-empty list", "add '- id: ...' topics")
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    for raw_topic in topics_raw:
        if not isinstance(raw_topic, LocatedDict):
            raise SiteError(path, topics_raw.line, "a topic must be a mapping", "start it with '- id: ...'")
        what = f"topic '{raw_topic.get('id', '?')}'"
        require_keys(path, raw_topic, {"id", "title", "claims"}, set(), what)
        topic = Topic(_text(path, raw_topic, "id", what), _text(path, raw_topic, "title", what))
        if not ID_RE.match(topic.id):
            raise SiteError(path, raw_topic.line_of("id"), f"topic id '{topic.id}' is not lowercase-hyphen", "use e.g. data-parallelism")
        claims_raw = raw_topic["claims"]
        if not isinstance(claims_raw, LocatedList) or not claims_raw:
            raise SiteError(path, raw_topic.line_of("claims"), f"{what}: 'claims' must be a non-empty list", "add claims")
        id_line = raw_topic.line_of("id")
        if topic.id in seen:
            raise SiteError(path, id_line, f"duplicate id '{topic.id}' (first on line {seen[topic.id]})", "ids are page anchors; make this one unique")
        seen[topic.id] = id_line
        for raw_claim in claims_raw:
            claim = _claim(path, raw_claim, topic.id, claims_raw.line)
            if claim.id in seen:
                raise SiteError(path, claim.line, f"duplicate id '{claim.id}' (first on line {seen[claim.id]})", "ids are page anchors; make this one unique")
            seen[claim.id] = claim.line
            topic.claims.append(claim)
        topics.append(topic)
    return FactCheck(_article(path, data), _changes(path, data), topics, path)
