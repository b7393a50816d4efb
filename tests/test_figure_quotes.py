"""Numbers the prose quotes from code (counted nouns, constants, defaults) are checked against that code.

The rules are in ``sidebyside.site.figure_quotes`` and, for defaults in tables,
``sidebyside.site.figures``. Each lie is planted in a scratch copy of the pages,
the pair code and recordings, and the notebook sources; nothing is executed.
"""

from __future__ import annotations

from pathlib import Path

from sidebyside.site import figure_quotes, figures
from tests.planting import edit, scratch

FIX_COUNT = figure_quotes.FIX_COUNT
FIX_CONSTANT = figure_quotes.FIX_CONSTANT




def quote_problems(tree: Path, name: str) -> list[str]:
    """What ``figure_quotes`` finds wrong in one page or notebook source of ``tree``, paths from its root."""
    check = figure_quotes.check_notebook if name.startswith("notebooks/") else figure_quotes.check_page
    return [str(p).replace(f"{tree}/", "") for p in check(tree / name, tree)[1]]


LLM = ("docs/topics/llm-era.md", "snippets/llm-era/model-from-config.tensorflow.py",
       "snippets/llm-era/model-from-config.pytorch.py")
CUSTOM = ("docs/topics/custom-layers-and-loops.md", "snippets/custom-layers-and-loops/custom-train-step.tensorflow.py",
          "snippets/custom-layers-and-loops/custom-train-step.pytorch.py")
PORTING = ("docs/porting/index.md", "sidebyside/tools/conversions/schema.py")


def test_real_tree_quotes_are_checked() -> None:
    found, problems = figure_quotes.check_site()
    assert problems == []
    assert {"four heads", "CLIP = 0.25", "TOLERANCE = 1e-4", "10 epochs"} <= {f.text for f in found}


def test_year_rule_only_where_the_context_is_a_date() -> None:
    text = "Default 2000, out in 2024, May 2019, (2016), then 2048 steps.\n2026), at a line start.\n"
    assert [f.text for f in figures.find_figures(Path("s.md"), text)] == ["2000", "2048"]


def test_lie_word_number(tmp_path: Path) -> None:
    tree = scratch(tmp_path, *LLM)
    line = edit(tree / LLM[0], "-->, four heads,", "-->, eight heads,")
    assert quote_problems(tree, LLM[0]) == [
        f"docs/topics/llm-era.md:{line}: figure 'eight heads' does not match the code it describes: "
        f"llm-era/model-from-config sets n_head=4; {FIX_COUNT}"]


def test_code_changed_under_its_prose(tmp_path: Path) -> None:
    tree = scratch(tmp_path, *LLM)
    for code in LLM[1:]:
        edit(tree / code, "n_head=4,", "n_head=8,")
    [problem] = quote_problems(tree, LLM[0])
    assert "figure 'four heads' does not match the code it describes: llm-era/model-from-config sets n_head=8" in problem


def test_lie_constant_quoted_from_a_snippet(tmp_path: Path) -> None:
    tree = scratch(tmp_path, *CUSTOM)
    line = edit(tree / CUSTOM[0], "`CLIP = 0.25`", "`CLIP = 0.5`")
    assert quote_problems(tree, CUSTOM[0]) == [
        f"docs/topics/custom-layers-and-loops.md:{line}: figure 'CLIP = 0.5' does not match the code it quotes: "
        f"custom-layers-and-loops/custom-train-step sets CLIP = 0.25; {FIX_CONSTANT}"]


def test_lie_constant_backed_by_another_file(tmp_path: Path) -> None:
    tree = scratch(tmp_path, *PORTING)
    line = edit(tree / PORTING[0], "`TOLERANCE = 1e-4`", "`TOLERANCE = 1e-3`")
    assert quote_problems(tree, PORTING[0]) == [
        f"docs/porting/index.md:{line}: figure 'TOLERANCE = 1e-3' does not match the file it names: no number in "
        f"the chosen lines of sidebyside/tools/conversions/schema.py rounds to it (they hold 1e-4); {FIX_CONSTANT}"]


def test_constant_without_backing(tmp_path: Path) -> None:
    tree = scratch(tmp_path, *PORTING)
    line = edit(tree / PORTING[0], ' <!-- figure: sidebyside/tools/conversions/schema.py "^TOLERANCE = (\\S+)" -->', "")
    assert quote_problems(tree, PORTING[0]) == [
        f"docs/porting/index.md:{line}: figure 'TOLERANCE = 1e-4' quotes a constant the code in its section "
        f"does not set; {FIX_CONSTANT}"]


def test_lie_default_in_a_table(tmp_path: Path) -> None:
    page = "docs/topics/mixed-precision-and-quantization.md"
    tree = scratch(tmp_path, page, *(f"snippets/mixed-precision-and-quantization/{name}" for name in (
        "loss-scaling.tensorflow.out", "loss-scaling.pytorch.out", "bfloat16-loss.pytorch.out",
        "bfloat16-loss.pytorch.py", "int8-dynamic-range.pytorch.py")))
    line = edit(tree / page, "`growth_interval` (default 2000", "`growth_interval` (default 2048")
    problems = [str(p).replace(f"{tree}/", "") for p in figures.check_page(tree / page, tree)[1]]
    assert problems == [
        f"{page}:{line}: figure '2048' does not match its recording: no number in the chosen lines of "
        "mixed-precision-and-quantization/loss-scaling.pytorch rounds to it (they hold 2000); " + figures.FIX]


def test_lie_epochs_in_notebook_markdown(tmp_path: Path) -> None:
    source = "notebooks/same-task-both-frameworks.py"
    tree = scratch(tmp_path, source)
    line = edit(tree / source, "cross-entropy on logits, 10 epochs", "cross-entropy on logits, 30 epochs")
    assert quote_problems(tree, source) == [
        f"{source}:{line}: figure '30 epochs' does not match the code it describes: "
        f"same-task-both-frameworks.py sets EPOCHS=10; {FIX_COUNT}"]


def test_environment_variable_is_not_a_constant(tmp_path: Path) -> None:
    page = tmp_path / "docs/topics/x.md"
    page.parent.mkdir(parents=True)
    page.write_text("# X\n\nSet `TF_USE_LEGACY_KERAS=1`, but `LIMIT = 3` is quoted.\n\n@pair x/y\n", encoding="utf-8")
    found, problems = figure_quotes.check_page(page, tmp_path)
    assert [f.text for f in found] == ["LIMIT = 3"]
    assert [p.why for p in problems] == ["quotes a constant the code in its section does not set"]


def test_lie_count_tied_by_a_figure_comment(tmp_path: Path) -> None:
    tree = scratch(tmp_path, *LLM)
    line = edit(tree / LLM[0], "Two blocks <!--", "Three blocks <!--")
    [problem] = quote_problems(tree, LLM[0])
    assert problem.startswith(
        f"docs/topics/llm-era.md:{line}: figure 'Three blocks' does not match the file it names: no number in the "
        "chosen lines of snippets/llm-era/model-from-config.pytorch.py rounds to it")
