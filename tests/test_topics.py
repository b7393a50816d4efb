"""The topic checklist, enforced: a new topic page is wired into every place a reader finds topics.

CONTRIBUTING.md lists the steps for adding a topic; each test here is one
step, so a forgotten step fails with the file to edit instead of shipping a
page nobody can reach (the home page's topics table is hand-written prose,
checked here).
"""

from __future__ import annotations

import re

import pytest

from sidebyside import ROOT
from sidebyside.data.comparison import load_comparison
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.expand import find_directives

DOCS = ROOT / "docs"
TOPICS = sorted(p.stem for p in (DOCS / "topics").glob("*.md"))
PAIRS = discover()


def nav_entries() -> dict[str, str]:
    """``topics/x.md`` -> nav title, read from mkdocs.yml (a regex: the file uses MkDocs' YAML tags)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return {path: title for title, path in re.findall(r"^\s*-\s+(.+?):\s+(topics/[a-z0-9-]+\.md)\s*$", text, re.M)}


def home_table() -> dict[str, str]:
    """``topics/x.md`` -> link text in the home page's topics table."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    return {path: title for title, path in re.findall(r"^\|\s*\[([^\]]+)\]\((topics/[a-z0-9-]+\.md)\)", text, re.M)}


def test_there_are_topics() -> None:
    assert len(TOPICS) >= 10


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_is_in_nav_and_home_table_under_one_title(topic: str) -> None:
    path = f"topics/{topic}.md"
    nav, home = nav_entries(), home_table()
    assert path in nav, f"mkdocs.yml: add '- <Title>: {path}' under the Topics nav"
    assert path in home, f"docs/index.md: add a row '| [{nav[path]}]({path}) | <what it covers> |' to the topics table"
    assert home[path] == nav[path], f"docs/index.md: the topics table calls {path} '{home[path]}', the nav '{nav[path]}'; use one title"


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_page_has_description_verdict_and_closing_sections(topic: str) -> None:
    text = (DOCS / "topics" / f"{topic}.md").read_text(encoding="utf-8")
    where = f"docs/topics/{topic}.md"
    assert re.match(r"^---\n(?:.*\n)*?description: \S.*\n(?:.*\n)*?---\n", text), f"{where}: start with front matter 'description: <one sentence>'"
    assert re.search(r'^!!! success "Verdict: ', text, re.M), f"{where}: open with '!!! success \"Verdict: ...\"'"
    for anchor in ("what-changed", "sources"):
        assert re.search(rf"^## .+ \{{ #{anchor} \}}$", text, re.M), f"{where}: add the '## ... {{ #{anchor} }}' section"


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_is_evidence_for_a_comparison_row(topic: str) -> None:
    pages = {row.evidence.partition("#")[0] for row in load_comparison().rows}
    assert f"topics/{topic}.md" in pages, f"data/comparison.yml: add a row whose 'evidence:' links to topics/{topic}.md#<section>"


@pytest.mark.parametrize("topic", sorted({pair.topic for pair in PAIRS.values()}))
def test_pairs_of_a_topic_are_shown_on_its_page(topic: str) -> None:
    page = DOCS / "topics" / f"{topic}.md"
    if not page.exists() and (DOCS / topic / "index.md").exists():
        page = DOCS / topic / "index.md"  # a section of its own (porting/) shows its pairs on its index page
    assert page.exists(), f"snippets/{topic}/ has no page: create docs/topics/{topic}.md (a topic's pairs live on the page of that name)"
    shown = {d.arg for d in find_directives(page.read_text(encoding="utf-8")) if d.kind == "pair"}
    missing = sorted(key for key, pair in PAIRS.items() if pair.topic == topic and key not in shown)
    assert not missing, f"{page.relative_to(DOCS.parent)}: add '@pair {missing[0]}' (fact-check links point at #pair-<name> on this page)"
