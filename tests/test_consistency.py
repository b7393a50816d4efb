"""One recommendation, stated once: the home summary, flowchart, chooser, table and page verdicts agree.

The real data has no contradiction; planting one (a table row flipped
against the leaf that cites it, a topic page verdict naming the other
framework) is caught with the file and line to edit, and the build refuses
to render the home summary while a contradiction stands.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.data import consistency
from sidebyside.data.comparison import COMPARISON, load_comparison
from sidebyside.data.consistency import page_contradictions, page_verdict, project_contradictions
from sidebyside.data.decision import DECISION, load_decision
from sidebyside.errors import SiteError
from sidebyside.site.renderers import _projects

DOCS = ROOT / "docs"


def test_real_data_has_no_contradiction() -> None:
    tree, table = load_decision(), load_comparison()
    assert tree.projects, "the home summary needs the projects list"
    assert project_contradictions(tree, table) == []
    assert page_contradictions(DOCS, table) == []


def flip_row(tmp_path: Path, row_id: str, new_verdict: str) -> Path:
    """A scratch copy of comparison.yml with one row's verdict replaced."""
    text = COMPARISON.read_text(encoding="utf-8")
    start = text.index(f"      - id: {row_id}\n")
    at = text.index("        verdict: ", start)
    end = text.index("\n", at)
    path = tmp_path / "comparison.yml"
    path.write_text(text[:at] + f"        verdict: {new_verdict}" + text[end:], encoding="utf-8")
    return path


def test_a_row_that_contradicts_a_leaf_is_caught(tmp_path: Path) -> None:
    # the TPU row said "TensorFlow" before 2026; planting that back contradicts the JAX leaf that cites it
    table = load_comparison(flip_row(tmp_path, "tpu-support", "tensorflow"))
    problems = project_contradictions(load_decision(), table)
    assert len(problems) == 1
    message = problems[0].message
    assert message.startswith("data/decision.yml:") and "'Training at TPU scale' picks jax" in message
    assert "comparison row 'tpu-support'" in message and "says tensorflow" in message


def test_a_framework_leaf_rejects_the_other_framework(tmp_path: Path) -> None:
    table = load_comparison(flip_row(tmp_path, "pretrained-hub", "tensorflow"))
    kinds = {p.message.split("'")[1] for p in project_contradictions(load_decision(), table)}
    assert "Fine-tuning LLMs and other open pretrained models" in kinds


def test_an_unknown_row_is_caught(tmp_path: Path) -> None:
    text = DECISION.read_text(encoding="utf-8").replace("rows: [mobile]", "rows: [phones]", 1)
    path = tmp_path / "decision.yml"
    path.write_text(text, encoding="utf-8")
    (problem,) = project_contradictions(load_decision(path), load_comparison())
    assert "cites unknown comparison row 'phones'" in problem.message


def test_the_build_refuses_a_contradiction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flipped = flip_row(tmp_path, "browser", "tensorflow")
    monkeypatch.setattr(_projects, "load_comparison", lambda: load_comparison(flipped))
    with pytest.raises(SiteError, match="'In the browser' picks either"):
        _projects.checked()


def copy_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS / "topics", docs / "topics")
    return docs


def test_a_page_verdict_that_contradicts_its_rows_is_caught(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path)
    page = docs / "topics" / "model-availability.md"
    text = page.read_text(encoding="utf-8")
    assert page_verdict(page).leans == "pytorch"
    page.write_text(text.replace('"Verdict: PyTorch has the larger catalogue"', '"Verdict: TensorFlow has the larger catalogue"'), encoding="utf-8")
    (problem,) = page_contradictions(docs, load_comparison())
    assert problem.message.startswith(f"{page}:{page_verdict(page).line}: the verdict 'TensorFlow has the larger catalogue' leans tensorflow")
    assert "row 'pretrained-hub'" in problem.message


def test_a_verdict_naming_both_frameworks_leans_nowhere(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text('# T\n\n!!! success "Verdict: PyTorch is faster as you write it; compiled TensorFlow catches up"\n    x\n', encoding="utf-8")
    verdict = page_verdict(page)
    assert verdict and verdict.leans is None and verdict.line == 3
    assert consistency.NAMES["tensorflow"].search("Keras 3 runs on both") is None  # Keras 3 is not TensorFlow


def test_the_build_refuses_a_page_verdict_contradiction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = copy_docs(tmp_path)
    page = docs / "topics" / "model-availability.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Verdict: PyTorch has", "Verdict: TensorFlow has"), encoding="utf-8")
    monkeypatch.setattr(_projects, "ROOT", tmp_path)
    with pytest.raises(SiteError, match=r"model-availability\.md:\d+: the verdict 'TensorFlow has the larger catalogue'"):
        _projects.checked()


def test_a_flipped_row_no_project_cites_is_caught(tmp_path: Path) -> None:
    # training dashboards: tie -> tensorflow, while the page's verdict says "same tool, same numbers"
    assert not any("visualization" in project.rows for project in load_decision().projects)
    table = load_comparison(flip_row(tmp_path, "visualization", "tensorflow"))
    row = next(r for r in table.rows if r.id == "visualization")
    page = DOCS / "topics" / "visualization.md"
    (problem,) = consistency.unnamed_picks(DOCS, table)
    assert problem.message == (
        f"{table.path}:{row.line}: comparison row 'visualization' says tensorflow, but the verdict of its evidence page "
        f"('same tool, same numbers', docs/topics/visualization.md:{page_verdict(page).line}) does not name TensorFlow; "
        "re-check both; change the row, or say in the page's verdict title where that framework is ahead")
    assert [p.message for p in consistency.contradictions(load_decision(), table, DOCS)] == [problem.message]


def test_depends_against_a_pick_needs_what_it_depends_on(tmp_path: Path) -> None:
    # microcontrollers: home, chooser and flowchart pick TensorFlow; a bare "depends" row behind it is refused
    text = flip_row(tmp_path, "microcontrollers", "depends").read_text(encoding="utf-8")
    (tmp_path / "comparison.yml").write_text(text, encoding="utf-8")
    table = load_comparison(tmp_path / "comparison.yml")
    (problem,) = project_contradictions(load_decision(), table)
    assert "'Microcontrollers' picks tensorflow (leaf 'tf-micro') but comparison row 'microcontrollers'" in problem.message
    assert "says depends without saying on what; add 'depends_on:' to the row" in problem.message


def test_check_runs_the_consistency_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flipped = flip_row(tmp_path, "visualization", "tensorflow")
    monkeypatch.setattr("sidebyside.data.comparison.COMPARISON", flipped)
    monkeypatch.setattr("sidebyside.data.comparison.load_comparison.__defaults__", (flipped,))
    with pytest.raises(SiteError, match="comparison row 'visualization' says tensorflow"):
        consistency.check(DOCS)


def test_a_verdict_flipped_against_its_benchmark_data_is_caught(tmp_path: Path) -> None:
    table = load_comparison(flip_row(tmp_path, "compiled-speed", "pytorch"))
    row = next(r for r in table.rows if r.id == "compiled-speed")
    (problem,) = consistency.bench_contradictions(table)
    assert problem.message.startswith(f"{table.path}:{row.line}: comparison row 'compiled-speed' says pytorch, but data/bench/")
    assert "CNN train step, compiled: TensorFlow; MLP compile time, compiled: TensorFlow" in problem.message


def test_a_benchmark_case_the_data_lacks_is_caught(tmp_path: Path) -> None:
    text = COMPARISON.read_text(encoding="utf-8").replace('"Import time"', '"Import time, cold"', 1)
    (tmp_path / "comparison.yml").write_text(text, encoding="utf-8")
    (problem,) = consistency.bench_contradictions(load_comparison(tmp_path / "comparison.yml"))
    assert "comparison row 'startup-memory' cites benchmark case 'Import time, cold', which data/bench/" in problem.message


def test_a_leaf_no_project_answers_is_checked_against_its_rows(tmp_path: Path) -> None:
    text = DECISION.read_text(encoding="utf-8")
    at = text.index("  pytorch-edge:\n")
    path = tmp_path / "decision.yml"
    path.write_text(text[:at] + text[at:].replace("    rows: [mobile]\n", "    rows: [microcontrollers]\n", 1), encoding="utf-8")
    (problem,) = project_contradictions(load_decision(path), load_comparison())
    assert "leaf 'pytorch-edge' picks pytorch (leaf 'pytorch-edge') but comparison row 'microcontrollers'" in problem.message
    assert problem.message.endswith("says tensorflow; re-check both against their sources, then change the leaf or the row so they agree")
    path.write_text(text[:at] + text[at:].replace("    rows: [mobile]\n", "", 1), encoding="utf-8")
    tree = load_decision(path)
    (problem,) = project_contradictions(tree, load_comparison())
    assert problem.message == (f"{path}:{tree.nodes['pytorch-edge'].line}: leaf 'pytorch-edge' picks pytorch with no comparison row behind it; "
                               "add 'rows: [...]' (ids of comparison.yml) that back the pick")


def test_a_flipped_row_on_a_page_naming_both_frameworks_is_caught(tmp_path: Path) -> None:
    # languages beyond Python: tensorflow -> pytorch; the community page's verdict names both frameworks, so its title
    # alone cannot tell, and no benchmark backs the row: the page's words it quotes name TensorFlow
    table = load_comparison(flip_row(tmp_path, "language-bindings", "pytorch"))
    row = next(r for r in table.rows if r.id == "language-bindings")
    (problem,) = consistency.clause_contradictions(DOCS, table)
    assert problem.message == (
        f"{table.path}:{row.line}: comparison row 'language-bindings' says pytorch, but the words of its page it rests on "
        f"('{row.verdict_clause}') name TensorFlow; "
        "re-check both; change the row's verdict, or quote the page's words that state the new one")
    assert [p.message for p in consistency.contradictions(load_decision(), table, DOCS)] == [problem.message]


def test_a_depends_row_flipped_to_a_pick_on_a_page_naming_both_is_caught(tmp_path: Path) -> None:
    table = load_comparison(flip_row(tmp_path, "governance", "pytorch"))
    with pytest.raises(SiteError, match=r"comparison row 'governance' says pytorch, but the words of its page it rests on "
                                        r"\('both are maintained'\) name both frameworks or neither"):
        raise consistency.clause_contradictions(DOCS, table)[0]


def test_a_clause_the_page_does_not_say_or_a_missing_one_is_caught(tmp_path: Path) -> None:
    text = COMPARISON.read_text(encoding="utf-8")
    invented = text.replace('verdict_clause: "TensorFlow keeps more official languages"', 'verdict_clause: "PyTorch has more languages"')
    dropped = text.replace('        verdict_clause: "Keras is shorter, PyTorch hides less"\n', "")
    assert invented != text and dropped != text
    for changed, expected in ((invented, r"verdict_clause 'PyTorch has more languages' is not on docs/topics/community\.md"),
                              (dropped, r"comparison row 'learning-curve' says depends and its evidence page's verdict .* names both "
                                        r"frameworks; add 'verdict_clause:'")):
        path = tmp_path / "comparison.yml"
        path.write_text(changed, encoding="utf-8")
        (problem,) = consistency.clause_contradictions(DOCS, load_comparison(path))
        with pytest.raises(SiteError, match=expected):
            raise problem
