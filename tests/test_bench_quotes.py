"""Every benchmark figure the site quotes agrees with the recorded JSON, and planted lies are caught.

The benchmark page's verdict and notes are rendered from the data; the
comparison table's performance rows, the page's method section and the home
page are typed, so ``sidebyside.tools.bench.quotes`` checks them. Each lie
below is planted in a copy of the inputs and must be reported.
"""

from __future__ import annotations

import copy
import dataclasses
import re

import pytest

from sidebyside import ROOT
from sidebyside.data.comparison import load_comparison
from sidebyside.site.renderers.bench_notes import notes
from sidebyside.site.renderers.bench_verdict import StaleWording, verdict
from sidebyside.tools.bench.compare import rows
from sidebyside.tools.bench.figures import versus
from sidebyside.tools.bench.quotes import agrees, check_comparison, check_home, check_page, check_tree
from sidebyside.tools.bench.schema import load_results, newest

PAGE = ROOT / "docs" / "decide" / "benchmarks.md"


@pytest.fixture(scope="module")
def doc() -> dict:
    return load_results(newest(ROOT / "data" / "bench"))


@pytest.fixture(scope="module")
def table():
    return load_comparison()


def scaled(doc: dict, case: str, framework: str, factor: float) -> dict:
    lied = copy.deepcopy(doc)
    for item in lied["measurements"]:
        if item["case"] == case and item["framework"] == framework:
            item["repeats"] = [r * factor for r in item["repeats"]]
    return lied


def with_text(table, row_id: str, field: str, old: str, new: str):
    """A copy of the comparison table with one row's text changed."""
    groups = []
    for group in table.groups:
        changed = []
        for row in group.rows:
            if row.id == row_id:
                assert old in getattr(row, field), f"'{old}' is not in row {row_id} {field}"
                row = dataclasses.replace(row, **{field: getattr(row, field).replace(old, new)})
            changed.append(row)
        groups.append(dataclasses.replace(group, rows=tuple(changed)))
    return dataclasses.replace(table, groups=tuple(groups))


def test_the_real_tree_quotes_only_recorded_figures() -> None:
    assert check_tree() == []


def test_json_lie_pytorch_eager_step_forty_times_slower_is_caught(doc: dict, table) -> None:
    problems = check_comparison(table, scaled(doc, "MLP train step, eager", "pytorch", 40))
    assert any("row 'eager-speed' pytorch: says '0.24'" in p for p in problems), problems


@pytest.mark.parametrize(("row", "field", "old", "new"), [
    ("training-time", "pytorch", "2.0 times faster", "9 times faster"),
    ("eager-speed", "pytorch", "11 to 24 times", "10 to 25 times"),
    ("training-time", "pytorch", "2 of 3 recorded runs", "3 of 3 recorded runs"),
    ("startup-memory", "pytorch", "about 320 MB", "about 160 MB"),
    ("inference-latency", "pytorch", "1.1 to 1.2 times slower", "1.0 to 1.2 times slower"),
])
def test_prose_lie_in_a_performance_row_is_caught(doc: dict, table, row: str, field: str, old: str, new: str) -> None:
    problems = check_comparison(with_text(table, row, field, old, new), doc)
    assert any(f"row '{row}' {field}: says" in p for p in problems), problems


def test_a_new_unchecked_figure_in_a_performance_row_is_caught(doc: dict, table) -> None:
    lied = with_text(table, "training-time", "tensorflow", "on the digits data", "on the digits data (1.5 s with XLA)")
    assert any("the figure '1.5' is not checked" in p for p in check_comparison(lied, doc))


@pytest.mark.parametrize(("old", "new"), [
    ("Every timed case has 6 repeats", "Every timed case has 10 repeats"),
    ("batch 32, <!--", "batch 64, <!--"),
    ("Treat differences within 10% as a tie", "Treat differences within 20% as a tie"),
    ("wait for nothing", "an extra 7 ms of overhead"),
])
def test_method_lie_on_the_benchmark_page_is_caught(doc: dict, old: str, new: str) -> None:
    page = PAGE.read_text(encoding="utf-8")
    if old == "wait for nothing":
        page += f"\nThe harness adds {new}.\n"
    else:
        assert old in page
        page = page.replace(old, new)
    assert check_page(page, doc) != []


def test_the_verdict_and_notes_are_rendered_not_typed() -> None:
    page = PAGE.read_text(encoding="utf-8")
    block = re.search(r'^!!! success "Verdict[^\n]*\n((?:    [^\n]*\n|\n)+)', page, flags=re.M)
    assert block and block.group(1).strip() == "@render bench-verdict", "the verdict body must be the rendered one"
    assert "\n@render bench-notes\n" in page


def test_home_page_typed_benchmark_figure_is_caught() -> None:
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert check_home(home) == []
    assert check_home(home + "\nPyTorch trains the CNN 2.0 times faster.\n") != []


def test_verdict_follows_the_data_and_the_tie_rule(doc: dict) -> None:
    text = verdict(doc)
    by_case = {r.case: r for r in rows(doc)}
    for batch in (1, 64):
        row = by_case[f"Inference latency, batch {batch}, ONNX"]
        assert abs(row.ratio - 1) > 0.1 and versus(row, "tensorflow") != "matches"
    assert "same speed" not in text and "within 10%" not in text.split("ONNX", 1)[1]
    lied = scaled(doc, "MLP train step, eager", "pytorch", 2)
    assert verdict(lied) != text, "the verdict is rendered from the data"
    with pytest.raises(StaleWording, match=r"bench_verdict\.py"):
        verdict(scaled(doc, "CNN train step, eager", "tensorflow", 0.01))


def test_a_missed_target_is_never_rendered_as_a_time_to_it(doc: dict) -> None:
    text = verdict(doc)
    assert "claims no time to 95%" in text
    reached = copy.deepcopy(doc)
    for item in reached["measurements"]:
        for run in item["extra"].get("runs", []):
            run.update(reached=True, test_accuracy=0.96, epoch_reached=run["epochs"], seconds_to_target=run["seconds"])
        if "runs" in item["extra"]:
            item["repeats"] = [run["seconds"] for run in item["extra"]["runs"]]
    assert "Both reach 95% test accuracy in every run; PyTorch gets there 2.0 times sooner." in verdict(reached)


def test_notes_quote_the_recorded_anomalies(doc: dict) -> None:
    text = notes(doc)
    by_case = {r.case: r for r in rows(doc)}
    compiled, eager = by_case["CNN train step, compiled"].pt.median, by_case["CNN train step, eager"].pt.median
    assert f"CNN {compiled:.2f} ms compiled against {eager:.2f} ms eager" in text
    faster = notes(scaled(doc, "CNN train step, compiled", "pytorch", eager / compiled * 0.5))
    assert "CNN " not in faster.split("\n")[0], "no note claims a slowdown the data do not show"


@pytest.mark.parametrize(("quoted", "actual", "expected"), [
    ("640", 635.8, True), ("0.24", 0.2415, True), ("1.0", 1.036, True), ("25", 24.47, False), ("2.0", 2.06, False),
    ("1e-7", 1e-7, True), ("1,437", 1437, True),
])
def test_a_quote_agrees_at_its_own_precision(quoted: str, actual: float, expected: bool) -> None:
    assert agrees(quoted, actual) is expected
