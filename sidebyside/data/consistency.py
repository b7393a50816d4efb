"""One recommendation, stated once: find places where two verdicts of the site disagree.

The home page's summary by kind of project, the flowchart and the chooser
all read ``data/decision.yml``; the comparison table reads
``data/comparison.yml``; topic pages open with a hand-written verdict box.
These checks tie them together:

- every kind of project names a decision leaf and the comparison rows behind
  it, and a row may not lean towards a framework the leaf does not pick;
- a topic page whose verdict title names one framework may not be the
  evidence of a comparison row that names the other;
- every row that picks a framework, whether or not a project cites it, must
  be named by the verdict title of its evidence page (a title that names
  neither, "same tool, same numbers", cannot sit behind a row that says
  TensorFlow);
- a row that rests on no benchmark, on a page whose verdict title names both
  frameworks (so the title alone cannot say which way the row goes), quotes
  the words of that page that state its verdict (``verdict_clause``); they
  must be on the page, and the framework they name alone must be the row's
  pick (words naming both or neither back only "tie" or "depends");
- a row that says "depends" may back a leaf that picks one framework only
  when the row says what it depends on (``depends_on``, shown in the table);
- a row that names the benchmark cases it rests on (``bench_cases``) must
  agree with who was faster in the newest result file: a framework verdict
  needs at least one case it won and none the other won, a tie needs every
  case within the noise band, "depends" needs cases won by each.

The project summary renderer and ``python -m sidebyside check`` run them
all (``contradictions``); the tests plant one of each to prove each can fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from sidebyside.data.comparison import Comparison
from sidebyside.data.decision import Project, Tree
from sidebyside.errors import SiteError, display_path

COMPATIBLE: dict[str, set[str]] = {
    "tensorflow": {"tensorflow", "tie", "depends"},
    "pytorch": {"pytorch", "tie", "depends"},
}
"""Row verdicts a leaf verdict can rest on; a leaf for JAX, Keras 3 or either rests only on ties and 'depends'."""
NEUTRAL = {"tie", "depends"}

VERDICT_TITLE_RE = re.compile(r'^!!! \w+ "Verdict(?::\s*(?P<title>[^"]*))?"', re.MULTILINE)
NAMES = {"tensorflow": re.compile(r"\b(TensorFlow|tf\.\w+|Keras(?! 3))\b"), "pytorch": re.compile(r"\b(PyTorch|torch\.\w+)\b")}
OTHER = {"tensorflow": "pytorch", "pytorch": "tensorflow"}
LABELS = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}


def citations(tree: Tree) -> list[Project]:
    """Every project, then every leaf no project answers: a flowchart or chooser pick with no row behind it is refused.

    Each is a ``Project`` whose ``kind`` names who cites the rows (``project '...'`` or ``leaf '...'``) for messages.
    """
    cited = [replace(p, kind=f"project '{p.kind}'") for p in tree.projects]
    answered = {p.leaf for p in tree.projects}
    for node in tree.nodes.values():
        if node.is_question or node.id in answered:
            continue
        cited.append(Project(f"leaf '{node.id}'", node.id, node.rows, node.line))
    return cited


def project_contradictions(tree: Tree, table: Comparison) -> list[SiteError]:
    """Kinds of project (and leaves no project answers) that disagree with a comparison row they cite, or cite none."""
    rows = {row.id: row for row in table.rows}
    problems = []
    for project in citations(tree):
        leaf = tree.nodes[project.leaf]
        if not project.rows and leaf.verdict in OTHER:
            problems.append(SiteError(tree.path, project.line, f"{project.kind} picks {leaf.verdict} with no comparison row behind it",
                                      f"add 'rows: [...]' (ids of {table.path.name}) that back the pick"))
        allowed = COMPATIBLE.get(leaf.verdict or "", NEUTRAL)
        for row_id in project.rows:
            row = rows.get(row_id)
            if row is None:
                problems.append(SiteError(tree.path, project.line, f"{project.kind} cites unknown comparison row '{row_id}'",
                                          f"use a row id of {table.path.name}"))
            elif row.verdict == "depends" and leaf.verdict in OTHER and not row.depends_on:
                problems.append(SiteError(
                    tree.path, project.line,
                    f"{project.kind} picks {leaf.verdict} (leaf '{leaf.id}') but comparison row '{row_id}' "
                    f"({table.path.name}:{row.line}) says depends without saying on what",
                    "add 'depends_on:' to the row (what decides, so the pick follows from the project), or change the row or the leaf",
                ))
            elif row.verdict not in allowed:
                problems.append(SiteError(
                    tree.path, project.line,
                    f"{project.kind} picks {leaf.verdict} (leaf '{leaf.id}') but comparison row '{row_id}' "
                    f"({table.path.name}:{row.line}) says {row.verdict}",
                    "re-check both against their sources, then change the leaf or the row so they agree",
                ))
    return problems


@dataclass(frozen=True)
class PageVerdict:
    """The verdict box of one page and the single framework it names, if it names only one."""

    path: Path
    line: int
    title: str
    leans: str | None


def page_verdict(path: Path) -> PageVerdict | None:
    """Read the first ``!!! ... "Verdict: ..."`` box; None if the page has none."""
    text = path.read_text(encoding="utf-8")
    match = VERDICT_TITLE_RE.search(text)
    if not match:
        return None
    title = match["title"] or ""
    named = [name for name, pattern in NAMES.items() if pattern.search(title)]
    line = text.count("\n", 0, match.start()) + 1
    return PageVerdict(path, line, title, named[0] if len(named) == 1 else None)


def page_contradictions(docs: Path, table: Comparison) -> list[SiteError]:
    """Pages whose verdict names one framework while a comparison row they back names the other."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        verdict = page_verdict(page)
        if verdict is None or verdict.leans is None:
            continue
        src = page.relative_to(docs).as_posix()
        for row in table.rows:
            if row.evidence.partition("#")[0] == src and row.verdict == OTHER[verdict.leans]:
                problems.append(SiteError(
                    page, verdict.line,
                    f"the verdict '{verdict.title}' leans {verdict.leans}, but comparison row '{row.id}' "
                    f"({table.path.name}:{row.line}), whose evidence is this page, says {row.verdict}",
                    "re-check both; reword the verdict (name both frameworks, or say what it depends on) or fix the row",
                ))
    return problems


def unnamed_picks(docs: Path, table: Comparison) -> list[SiteError]:
    """Rows that pick a framework while the verdict title of their evidence page does not name it.

    Every row counts, cited by a project or not: a flipped row must disagree
    with something a reader sees.
    """
    problems = []
    for row in table.rows:
        if row.verdict not in NAMES:
            continue
        page = docs / row.evidence.partition("#")[0]
        verdict = page_verdict(page) if page.is_file() else None
        if verdict is None or NAMES[row.verdict].search(verdict.title):
            continue
        problems.append(SiteError(
            table.path, row.line,
            f"comparison row '{row.id}' says {row.verdict}, but the verdict of its evidence page "
            f"('{verdict.title}', {display_path(page)}:{verdict.line}) does not name {LABELS[row.verdict]}",
            "re-check both; change the row, or say in the page's verdict title where that framework is ahead",
        ))
    return problems


def leaning(text: str) -> str | None:
    """The one framework ``text`` names, or None when it names both or neither."""
    named = [name for name, pattern in NAMES.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


def clause_contradictions(docs: Path, table: Comparison) -> list[SiteError]:
    """Rows without benchmark cases whose evidence page's verdict names both frameworks: the row's quoted clause
    must be on that page and lean the way the row does (a pick needs a clause naming it alone)."""
    problems = []
    for row in table.rows:
        page = docs / row.evidence.partition("#")[0]
        verdict = page_verdict(page) if page.is_file() and not row.bench_cases else None
        if verdict is None or not all(pattern.search(verdict.title) for pattern in NAMES.values()):
            continue
        where = f"its evidence page's verdict ('{verdict.title}', {display_path(page)}:{verdict.line}) names both frameworks"
        if not row.verdict_clause:
            problem, fix = (f"comparison row '{row.id}' says {row.verdict} and {where}",
                            "add 'verdict_clause:' quoting the words of that page that state this row's verdict")
        elif " ".join(row.verdict_clause.split()) not in " ".join(page.read_text(encoding="utf-8").split()):
            problem, fix = (f"comparison row '{row.id}': its verdict_clause '{row.verdict_clause}' is not on {display_path(page)}",
                            "quote the page's words exactly (line breaks aside), or change the page")
        elif (leaning(row.verdict_clause) or "tie or depends") != (row.verdict if row.verdict in OTHER else "tie or depends"):
            named = LABELS.get(leaning(row.verdict_clause) or "", "both frameworks or neither")
            problem, fix = (f"comparison row '{row.id}' says {row.verdict}, but the words of its page it rests on "
                            f"('{row.verdict_clause}') name {named}",
                            "re-check both; change the row's verdict, or quote the page's words that state the new one")
        else:
            continue
        problems.append(SiteError(table.path, row.line, problem, fix))
    return problems


def contradictions(tree: Tree, table: Comparison, docs: Path) -> list[SiteError]:
    """Every check of this module, as ``check`` and the build run them."""
    return (project_contradictions(tree, table) + page_contradictions(docs, table) + unnamed_picks(docs, table)
            + clause_contradictions(docs, table) + bench_contradictions(table))


def bench_contradictions(table: Comparison, results: Path | None = None) -> list[SiteError]:
    """Rows whose verdict disagrees with the benchmark cases they cite (newest ``data/bench/*.json`` by default)."""
    cited = [row for row in table.rows if row.bench_cases]
    if not cited:
        return []
    from sidebyside import ROOT
    from sidebyside.tools.bench.compare import rows
    from sidebyside.tools.bench.schema import load_results, newest

    path = results or newest(ROOT / "data" / "bench")
    if path is None:
        return [SiteError(table.path, cited[0].line, "rows cite benchmark cases but data/bench/ holds no result file", "run the benchmarks")]
    faster = {row.case: row.faster for row in rows(load_results(path))}
    problems = []
    for row in cited:
        unknown = [case for case in row.bench_cases if case not in faster]
        winners = {faster[case] for case in row.bench_cases if case in faster}
        if unknown:
            problem = f"cites benchmark case '{unknown[0]}', which {display_path(path)} does not hold"
        elif not _bench_agrees(row.verdict, winners):
            shown = "; ".join(f"{case}: {faster[case]}" for case in row.bench_cases)
            problem = f"says {row.verdict}, but {display_path(path)} says {shown}"
        else:
            continue
        problems.append(SiteError(table.path, row.line, f"comparison row '{row.id}' {problem}",
                                  "re-read the result file; change the verdict (or the cases it rests on) so they agree"))
    return problems


def _bench_agrees(verdict: str, winners: set[str]) -> bool:
    names = {LABELS[v]: v for v in LABELS}
    won = {names[w] for w in winners if w in names}
    if verdict in OTHER:
        return verdict in won and OTHER[verdict] not in won
    if verdict == "tie":
        return not won
    return won == {"tensorflow", "pytorch"}


def check(docs: Path) -> str:
    """What ``python -m sidebyside check`` runs: every contradiction at once, or a one-line summary."""
    from sidebyside.data.comparison import load_comparison
    from sidebyside.data.decision import load_decision
    from sidebyside.errors import SiteErrors

    tree, table = load_decision(), load_comparison()
    problems = contradictions(tree, table, docs)
    if problems:
        raise SiteErrors(problems)
    return (f"{len(table.rows)} comparison rows agree with their pages' verdicts and with {len(citations(tree))} picks "
            f"({len(tree.projects)} projects, the rest flowchart leaves)")
