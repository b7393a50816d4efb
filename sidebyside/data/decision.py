"""Load and validate ``data/decision.yml``, the tree behind the flowchart and the chooser.

The tree is a set of named nodes. A question has answers, each leading to
another node; a recommendation is a leaf that says why in two lines and
links to evidence. Both the flowchart and the chooser are drawn from the
same validated tree, so they cannot disagree. The checks guarantee a reader
can never reach a dead end: every answer's target exists, there are no
cycles, every node is reachable from the start, every leaf is a
recommendation. Links are checked against real anchors at build time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.fields import PageLink
from sidebyside.data.yamlsrc import LocatedDict, LocatedList
from sidebyside.errors import SiteError

DECISION = ROOT / "data" / "decision.yml"

VERDICTS: dict[str, str] = {
    "tensorflow": "TensorFlow",
    "pytorch": "PyTorch",
    "keras": "Keras 3",
    "jax": "JAX",
    "either": "Either",
}
"""Allowed recommendation verdicts -> label shown to readers."""

WHY_MAX = 280
"""'Why' must fit in about two lines: a recommendation is a verdict, not an essay."""

QUESTION_KEYS = ({"question", "answers", "evidence"}, {"help"})
RECOMMEND_KEYS = ({"recommend", "verdict", "why", "evidence", "runner_up"}, {"source", "as_of", "rows"})
PROJECT_KEYS = ({"kind", "leaf", "rows"}, set())


@dataclass(frozen=True)
class Link:
    """A labelled in-site link and the data line it came from."""

    text: str
    target: PageLink
    line: int


@dataclass(frozen=True)
class Answer:
    text: str
    next: str
    line: int


@dataclass(frozen=True)
class RunnerUp:
    """The second-best pick for a leaf, and the one reason it lost."""

    pick: str
    why: str
    line: int


@dataclass(frozen=True)
class Project:
    """A kind of project on the home page's summary: the leaf that answers it and the table rows behind it."""

    kind: str
    leaf: str
    rows: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Node:
    """A question (``answers`` non-empty) or a recommendation (``answers`` empty)."""

    id: str
    title: str
    line: int
    help: str | None = None
    answers: tuple[Answer, ...] = ()
    verdict: str | None = None
    why: str | None = None
    evidence: tuple[Link, ...] = ()
    source: str | None = None
    as_of: date | None = None
    runner_up: RunnerUp | None = None
    rows: tuple[str, ...] = ()
    """Comparison rows behind a leaf that no project of the home summary cites (checked like a project's)."""

    @property
    def is_question(self) -> bool:
        return bool(self.answers)


@dataclass(frozen=True)
class Tree:
    """The validated tree: nodes in file order and the id of the first question."""

    path: Path
    start: str
    nodes: dict[str, Node]
    projects: tuple[Project, ...] = ()

    def parent_answers(self, node_id: str) -> list[tuple[Node, Answer]]:
        """Every (question, answer) that leads to ``node_id``."""
        return [(node, a) for node in self.nodes.values() for a in node.answers if a.next == node_id]


def _question(path: Path, node_id: str, item: LocatedDict) -> Node:
    what = f"question '{node_id}'"
    fields.keys(item, *QUESTION_KEYS, what)
    answers = []
    targets: dict[str, int] = {}
    for answer, _ in fields.records(item, "answers", what, f"answer of {what}", {"answer", "next"}):
        text = fields.text(answer, "answer", f"an answer of {what}")
        target = answer["next"]
        if target in targets:
            problem = f"two answers of {what} lead to '{target}' (first on line {targets[target]})"
            raise answer.error("next", problem, "merge them into one answer")
        targets[target] = answer.line_of("next")
        answers.append(Answer(text, str(target), answer.line_of("next")))
    evidence = fields.page_link(item, "evidence", what)
    return Node(
        id=node_id,
        title=fields.text(item, "question", what),
        line=item.line,
        help=fields.text(item, "help", what, default=None),
        answers=tuple(answers),
        evidence=(Link("", evidence, evidence.line),),
    )


def _recommendation(path: Path, node_id: str, item: LocatedDict) -> Node:
    what = f"recommendation '{node_id}'"
    fields.keys(item, *RECOMMEND_KEYS, what)
    verdict = fields.one_of(item, "verdict", VERDICTS, what)
    why = fields.text(item, "why", what)
    if len(why) > WHY_MAX:
        raise item.error("why", f"{what} 'why' is {len(why)} characters", f"say it in two lines (<= {WHY_MAX} characters)")
    links = []
    for link, _ in fields.records(item, "evidence", what, f"evidence item of {what}", {"text", "link"}):
        target = fields.page_link(link, "link", f"{what} evidence")
        links.append(Link(fields.text(link, "text", f"an evidence item of {what}"), target, target.line))
    source, as_of = fields.source(item, what)
    runner = fields.mapping(item["runner_up"], item, "runner_up", f"{what} 'runner_up'", "write 'pick: ...' and 'why: ...' under it")
    fields.keys(runner, {"pick", "why"}, set(), f"the runner-up of {what}")
    runner_up = RunnerUp(fields.text(runner, "pick", f"the runner-up of {what}"), fields.text(runner, "why", f"the runner-up of {what}"), runner.line)
    if len(runner_up.why) > WHY_MAX:
        raise SiteError(path, runner.line_of("why"), f"the runner-up of {what} has a 'why' of {len(runner_up.why)} characters",
                        f"say it in two lines (<= {WHY_MAX} characters)")
    return Node(
        rows=fields.strings(item, "rows", f"{what} 'rows' must be a list of comparison row ids", "e.g. rows: [mobile]"),
        runner_up=runner_up,
        id=node_id,
        title=fields.text(item, "recommend", what),
        line=item.line,
        verdict=verdict,
        why=why,
        evidence=tuple(links),
        source=source,
        as_of=as_of,
    )


def _node(path: Path, node_id: object, item: object, nodes_data: LocatedDict) -> Node:
    key = str(node_id)
    if not isinstance(node_id, str) or not fields.SLUG_RE.match(node_id):
        raise nodes_data.error(key, f"node id '{node_id}' is not lowercase-hyphen", "use e.g. 'deploy-target'")
    item = fields.mapping(item, nodes_data, key, f"node '{node_id}'", "give it 'question:' and 'answers:', or 'recommend:'")
    if "question" in item and "recommend" in item:
        problem = f"node '{node_id}' has both 'question' and 'recommend'"
        raise item.error(None, problem, "split it into a question and a recommendation")
    if "question" in item:
        return _question(path, node_id, item)
    if "recommend" in item:
        return _recommendation(path, node_id, item)
    problem = f"node '{node_id}' is neither a question nor a recommendation"
    raise item.error(None, problem, "add 'question:' and 'answers:', or 'recommend:'")


def _check_graph(path: Path, start: str, nodes: dict[str, Node]) -> None:
    """Dangling answers, then cycles, then unreachable nodes: each with the line to edit."""
    for node in nodes.values():
        for answer in node.answers:
            if answer.next not in nodes:
                known = ", ".join(sorted(nodes))
                problem = f"answer '{answer.text}' of question '{node.id}' leads to unknown node '{answer.next}'"
                raise SiteError(path, answer.line, problem, f"known nodes: {known}")
    state: dict[str, str] = {}  # "open" while on the DFS stack, "done" after

    def visit(node_id: str, trail: list[str]) -> None:
        state[node_id] = "open"
        for answer in nodes[node_id].answers:
            if state.get(answer.next) == "open":
                loop = " -> ".join([*trail[trail.index(answer.next) :], node_id, answer.next])
                problem = f"answer '{answer.text}' of question '{node_id}' makes a cycle: {loop}"
                raise SiteError(path, answer.line, problem, "point it at a later node")
            if answer.next not in state:
                visit(answer.next, [*trail, node_id])
        state[node_id] = "done"

    visit(start, [])
    for node_id, node in nodes.items():
        if node_id not in state:
            problem = f"node '{node_id}' is not reachable from the start '{start}'"
            raise SiteError(path, node.line, problem, "point an answer at it or delete it")


def _projects(path: Path, data: LocatedDict, nodes: dict[str, Node]) -> tuple[Project, ...]:
    """The home page's summary by kind of project: each kind names a leaf and the comparison rows behind it."""
    if "projects" not in data:
        return ()
    items = data["projects"]
    if not isinstance(items, LocatedList) or not items:
        raise SiteError(path, data.line_of("projects"), "'projects' must be a non-empty list", "add '- kind: ...' items or remove it")
    projects = []
    for item in items:
        if not isinstance(item, LocatedDict):
            raise SiteError(path, items.line, "a project is not a mapping", "write '- kind: ...', 'leaf: ...' and 'rows: [...]'")
        fields.keys(item, *PROJECT_KEYS, "project")
        kind = fields.text(item, "kind", "project")
        leaf = item["leaf"]
        if leaf not in nodes or nodes[str(leaf)].is_question:
            leaves = ", ".join(sorted(n.id for n in nodes.values() if not n.is_question))
            raise SiteError(path, item.line_of("leaf"), f"project '{kind}' names '{leaf}', which is not a recommendation", f"use one of: {leaves}")
        rows = item["rows"]
        if not isinstance(rows, LocatedList) or not rows or not all(isinstance(r, str) for r in rows):
            raise SiteError(path, item.line_of("rows"), f"project '{kind}' needs a list of comparison row ids", "e.g. rows: [tpu-support]")
        projects.append(Project(kind, str(leaf), tuple(rows), item.line))
    return tuple(projects)


@loader("decision.yml")
def load_decision(path: Path = DECISION) -> Tree:
    """Parse and validate the decision tree; raise SiteError on the first mistake."""
    data = fields.document(path, {"start", "nodes"}, {"projects"})
    nodes_data = data["nodes"]
    if not isinstance(nodes_data, LocatedDict) or not nodes_data:
        raise SiteError(path, data.line_of("nodes"), "'nodes' must be a non-empty mapping", "add nodes as 'node-id:' keys")
    nodes = {str(key): _node(path, key, value, nodes_data) for key, value in nodes_data.items()}
    start = data["start"]
    if start not in nodes:
        raise SiteError(path, data.line_of("start"), f"start node '{start}' does not exist", f"known nodes: {', '.join(sorted(nodes))}")
    if not nodes[start].is_question:
        raise SiteError(path, data.line_of("start"), f"start node '{start}' is not a question", "start with a question")
    _check_graph(path, start, nodes)
    return Tree(path, start, nodes, _projects(path, data, nodes))
