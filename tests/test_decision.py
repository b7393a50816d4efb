"""data/decision.yml and the flowchart drawn from it.

The real tree is valid; each kind of broken tree fails with one file:line
message; the committed SVG matches a fresh Graphviz drawing, is accessible
and theme-neutral; the built flowchart and chooser pages link every node to
existing anchors and keep the flowchart page within the page-weight budget.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from mkdocs.exceptions import PluginError

from sidebyside.data.decision import VERDICTS, load_decision
from sidebyside.errors import SiteError
from sidebyside.site import hook
from sidebyside.site.flowchart import FLOWCHART, check_current, draw
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers.decision_chooser import chooser_html
from sidebyside.site.sitebuild import site_prefix
from sidebyside.tools.pageweight import BUDGET_KB, over_budget, page_weight

TREE = """\
start: a
nodes:
  a:
    question: First?
    evidence: topics/execution-model.md
    answers:
      - answer: go to b
        next: b
      - answer: go to r
        next: r
  b:
    question: Second?
    evidence: topics/execution-model.md
    answers:
      - answer: finish
        next: s
  r:
    recommend: Use R
    verdict: tensorflow
    why: Because.
    runner_up:
      pick: S
      why: It lost.
    evidence:
      - text: Eager
        link: topics/execution-model.md#eager-by-default
  s:
    recommend: Use S
    verdict: pytorch
    why: Because.
    runner_up:
      pick: R
      why: It lost too.
    evidence:
      - text: Eager
        link: topics/execution-model.md
"""


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle``: keeps fixtures readable without counting."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "decision.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_real_tree_is_valid_and_covers_the_issue() -> None:
    tree = load_decision()
    questions = [node for node in tree.nodes.values() if node.is_question]
    leaves = [node for node in tree.nodes.values() if not node.is_question]
    assert len(questions) >= 6 and len(leaves) >= 8
    assert {node.verdict for node in leaves} == set(VERDICTS)  # includes Keras 3 as the keep-both option
    first = [answer.text.lower() for answer in tree.nodes[tree.start].answers]
    for target in ("edge", "browser", "tpu", "server"):
        assert any(target in text for text in first), target
    assert all(node.why and len(node.evidence) >= 1 for node in leaves)
    assert all(node.runner_up and node.runner_up.why for node in leaves)  # the chooser always says what came second
    tpu_leaves = {tree.nodes[a.next].verdict for a in tree.nodes["tpu"].answers}
    assert tpu_leaves == {"jax", "pytorch"}  # JAX for fresh TPU work, TorchTPU for PyTorch code
    assert {tree.nodes[p.leaf].verdict for p in tree.projects} >= {"pytorch", "tensorflow", "jax", "keras", "either"}


def test_good_fixture_loads(tmp_path: Path) -> None:
    tree = load_decision(write(tmp_path, TREE))
    assert list(tree.nodes) == ["a", "b", "r", "s"]
    assert [a.next for a in tree.nodes["a"].answers] == ["b", "r"]


BAD_TREES = {
    "cycle": (TREE.replace("next: s", "next: a"), ("next: a", 1), "answer 'finish' of question 'b' makes a cycle: a -> b -> a"),
    "unreachable node": (TREE.replace("next: s", "next: r"), ("recommend: Use S", 1), "node 's' is not reachable from the start 'a'"),
    "dangling answer": (
        TREE.replace("next: s", "next: nowhere"),
        ("next: nowhere", 1),
        "answer 'finish' of question 'b' leads to unknown node 'nowhere'",
    ),
    "missing runner-up": (
        TREE.replace("    runner_up:\n      pick: S\n      why: It lost.\n", ""),
        ("recommend: Use R", 1),
        "recommendation 'r' is missing 'runner_up'",
    ),
    "project names a question": (
        TREE + "projects:\n  - kind: K\n    leaf: a\n    rows: [x]\n",
        ("leaf: a", 1),
        "project 'K' names 'a', which is not a recommendation",
    ),
    "missing verdict": (TREE.replace("    verdict: tensorflow\n", ""), ("recommend: Use R", 1), "recommendation 'r' is missing 'verdict'"),
    "unknown key": (
        TREE.replace("    why: Because.\n", "    why: Because.\n    colour: red\n", 1),
        ("colour", 1),
        "recommendation 'r' has unknown key 'colour'",
    ),
    "question without answers": (
        TREE.replace("      - answer: finish\n        next: s\n", "").replace("    answers:\n  r:", "    answers: []\n  r:"),
        ("answers: []", 1),
        "question 'b' has no answers",
    ),
    "missing start": (TREE.replace("start: a", "start: zz"), ("start: zz", 1), "start node 'zz' does not exist"),
    "two answers, same target": (TREE.replace("next: r", "next: b"), ("next: b", 2), "two answers of question 'a' lead to 'b'"),
    "why too long": (TREE.replace("why: Because.", "why: " + "word " * 80, 1), ("why: word", 1), "recommendation 'r' 'why' is"),
}


@pytest.mark.parametrize("case", sorted(BAD_TREES))
def test_bad_tree_gives_one_file_line_message(tmp_path: Path, case: str) -> None:
    text, (needle, nth), problem = BAD_TREES[case]
    path = write(tmp_path, text)
    with pytest.raises(SiteError) as caught:
        load_decision(path)
    message = caught.value.message
    assert message.startswith(f"{path}:{line_of(text, needle, nth)}: {problem}"), message
    assert "\n" not in message and "; " in message


def test_broken_evidence_anchor_names_the_data_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = TREE.replace("#eager-by-default", "#no-such-heading")
    path = write(tmp_path, text)
    config = {"use_directory_urls": True, "nav": []}
    ctx = RenderContext(page_src="decide/chooser.md", line=1, arg="decision-chooser", pairs={}, config=config)
    chooser_html(ctx, load_decision(path))
    monkeypatch.setattr(hook, "state", hook.BuildState(links=list(ctx.links), anchors={"topics/execution-model.md": {"eager-by-default"}}))
    with pytest.raises(PluginError) as caught:
        hook.on_env(None, None, None)
    expected = f"{path}:{line_of(text, '#no-such-heading')}: recommendation 'r' evidence links to unknown anchor 'no-such-heading'"
    assert str(caught.value).startswith(expected)


# ---- the committed flowchart ---------------------------------------------


def without_coordinates(svg: str) -> str:
    """Graphviz places text with the installed fonts' metrics, so coordinates may differ between
    machines; everything else (nodes, labels, links, colours, titles) must match exactly."""
    return re.sub(r"-?\d+(?:\.\d+)?", "N", svg)


def test_committed_svg_is_in_sync_with_the_data() -> None:
    """Redraw with Graphviz (``make test`` installs it) and compare with the committed file."""
    assert shutil.which("dot"), "Graphviz 'dot' is missing: apt-get install graphviz (make test does this)"
    tree = load_decision()
    committed = FLOWCHART.read_text(encoding="utf-8")
    check_current(tree, committed)
    assert without_coordinates(draw(tree)) == without_coordinates(committed), "stale data/flowchart.svg: run make flowchart"


def test_stale_svg_is_caught_without_graphviz(tmp_path: Path) -> None:
    tree = load_decision(write(tmp_path, TREE))
    committed = FLOWCHART.read_text(encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        check_current(tree, committed)
    assert caught.value.message.startswith("data/flowchart.svg:1: data/flowchart.svg is out of date with ")
    assert caught.value.message.endswith("regenerate it with: make flowchart")


def test_svg_is_accessible_and_theme_neutral() -> None:
    tree = load_decision()
    svg = FLOWCHART.read_text(encoding="utf-8")
    root = re.search(r"<svg [^>]*>", svg).group(0)
    assert 'aria-labelledby="fc-title fc-desc"' in root
    assert '<title id="fc-title">' in svg and '<desc id="fc-desc">' in svg
    assert not re.search(r'(fill|stroke)="(white|black|#ffffff|#000000)"', svg, flags=re.IGNORECASE)
    assert len(re.findall(r'<a xlink:href="sbs:', svg)) == len(tree.nodes)  # every node is a link
    for node in tree.nodes.values():
        kind = "Question" if node.is_question else "Recommendation"
        assert f"<title>{html.escape(f'{kind}: {node.title}', quote=False)}</title>" in svg, node.id


# ---- the built pages ---------------------------------------------------------


@pytest.fixture(scope="module")
def site(hosted_site: Path) -> Path:
    """The run's one shared ``mkdocs build --strict`` (tests/conftest.py)."""
    return hosted_site


def target_file(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    target = urlparse(urljoin(f"http://site/{page_url}", html.unescape(href)))
    path = target.path.lstrip("/")
    return (site / path / "index.html" if path.endswith("/") or not path else site / path), target.fragment


def test_flowchart_nodes_link_to_existing_anchors(site: Path) -> None:
    page = "decide/flowchart/"
    built = (site / page / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a xlink:href="([^"]+)"', built)
    assert len(links) == len(load_decision().nodes)
    for href in links:
        file, fragment = target_file(site, page, href)
        assert file.is_file(), href
        if fragment:
            assert f'id="{fragment}"' in file.read_text(encoding="utf-8"), href


def test_chooser_works_without_javascript(site: Path) -> None:
    """Every node is a section with a heading id; every answer is a link to one of them."""
    built = (site / "decide" / "chooser" / "index.html").read_text(encoding="utf-8")
    tree = load_decision()
    for node in tree.nodes.values():
        assert f'<h2 id="step-{node.id}"' in built, node.id
        for answer in node.answers:
            assert f'<a href="#step-{answer.next}" data-next="{answer.next}">{html.escape(answer.text, quote=False)}</a>' in built


def test_flowchart_page_is_within_the_page_weight_budget(site: Path) -> None:
    """The page with the largest inline picture, measured by the one page-weight definition (tools/pageweight)."""
    weight = page_weight(site, site / "decide" / "flowchart" / "index.html", site_prefix())
    assert not over_budget([weight]), f"flowchart page first load is {weight.total / 1000:.1f} KB gzipped, over {BUDGET_KB} KB"
