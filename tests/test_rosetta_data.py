"""data/rosetta.yml validation: every bad input names its file and line.

These tests need no framework: the loader runs in the docs-only build, so
everything it checks is checked there, before any row is executed.
"""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import pytest

from sidebyside.data.rosetta import all_rows, default_title, domain_text, load_rosetta
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers.api_dictionary import render

GOOD_ROW = """\
      - id: reduce-sum
        tf: "tf.reduce_sum(x, axis=1)"
        torch: "torch.sum(x, dim=1)"
        inputs: {x: "randn(3, 4)"}
        notes: "axis vs dim."
"""


def write(tmp_path: Path, rows: str, head: str = "") -> Path:
    path = tmp_path / "rosetta.yml"
    text = "categories:\n  - id: math\n    title: Math\n" + head + "    rows:\n" + rows
    path.write_text(text, encoding="utf-8")
    return path


def error(path: Path) -> str:
    with pytest.raises(SiteError) as info:
        load_rosetta(path)
    message = info.value.message
    assert "\n" not in message
    return message


def indent(text: str) -> str:
    return textwrap.indent(textwrap.dedent(text), "      ")


def test_good_row_loads(tmp_path: Path) -> None:
    rows = all_rows(load_rosetta(write(tmp_path, GOOD_ROW)))
    assert [r.id for r in rows] == ["reduce-sum"]
    assert rows[0].title == "tf.reduce_sum · torch.sum"
    assert rows[0].line == 5
    assert rows[0].tol.name == "float32"


def test_unknown_key(tmp_path: Path) -> None:
    message = error(write(tmp_path, GOOD_ROW + "        tolerance: loose\n"))
    assert "rosetta.yml:10: row 'reduce-sum' has unknown key 'tolerance'; allowed keys:" in message


def test_missing_field(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW.replace('        notes: "axis vs dim."\n', ""))
    assert "rosetta.yml:5: row 'reduce-sum' is missing 'notes'" in error(path)


def test_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW + GOOD_ROW)
    assert "rosetta.yml:10: row id 'reduce-sum' is used twice (first on line 5)" in error(path)


def test_row_id_may_not_repeat_a_category_id(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW.replace("id: reduce-sum", "id: math"))
    assert "rosetta.yml:5: row id 'math' is used twice (first on line 2)" in error(path)


@pytest.mark.parametrize(
    ("tol", "expected"),
    [
        ("tight", "has unknown tolerance 'tight'"),
        ("{rtol: -1, atol: 0}", "has a bad tolerance"),
        ("{rtol: 0.1}", "has a bad tolerance"),
        ("{rtol: 0.1, atol: yes}", "has a bad tolerance"),
        ("0.001", "has a bad tolerance"),
    ],
)
def test_bad_tolerance(tmp_path: Path, tol: str, expected: str) -> None:
    path = write(tmp_path, GOOD_ROW + f"        tol: {tol}\n")
    message = error(path)
    assert f"rosetta.yml:10: row 'reduce-sum' {expected}" in message
    assert "exact, float32, loose, approx" in message


def test_custom_tolerance_is_accepted(tmp_path: Path) -> None:
    rows = all_rows(load_rosetta(write(tmp_path, GOOD_ROW + "        tol: {rtol: 0.01, atol: 0.001}\n")))
    assert (rows[0].tol.rtol, rows[0].tol.atol) == (0.01, 0.001)


@pytest.mark.parametrize(
    ("recipe", "expected"),
    [
        ('"gaussian(3)"', "uses unknown recipe 'gaussian'"),
        ('"randn(3.5)"', "recipe arguments must be integers"),
        ('"randn(3, dtype=float128)"', "has a bad keyword"),
        ('"randn"', "recipe 'randn' is not a call"),
        ("[1, 2]", "must be a recipe string or a number"),
    ],
)
def test_bad_input_recipe(tmp_path: Path, recipe: str, expected: str) -> None:
    path = write(tmp_path, GOOD_ROW.replace('{x: "randn(3, 4)"}', "{x: " + recipe + "}"))
    assert f"rosetta.yml:8: row 'reduce-sum': input 'x' {expected}" in error(path)


def test_code_must_parse(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW.replace("torch.sum(x, dim=1)", "torch.sum(x, dim=1"))
    assert "rosetta.yml:7: row 'reduce-sum': 'torch' is not valid Python" in error(path)


def test_code_must_end_with_an_expression(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW.replace('"torch.sum(x, dim=1)"', '"y = torch.sum(x, dim=1)"'))
    assert "rosetta.yml:7: row 'reduce-sum': 'torch' must end with an expression" in error(path)


def test_equal_dtypes_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW + "        dtypes: {tf: int64, torch: int64}\n")
    assert "rosetta.yml:10: row 'reduce-sum': 'dtypes' are equal" in error(path)


def test_layer_needs_weights(tmp_path: Path) -> None:
    row = indent(
        """\
        - id: dense
          kind: layer
          tf: "tf.keras.layers.Dense(5)"
          torch: "torch.nn.Linear(4, 5)"
          notes: "n"
        """
    )
    assert "rosetta.yml:5: row 'dense' is a layer without 'weights'" in error(write(tmp_path, row))


def test_weights_need_layer_kind(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW + '        weights: {kernel: "weight.T"}\n')
    assert "rosetta.yml:10: row 'reduce-sum': 'weights'/'call' need kind: layer" in error(path)


def test_unknown_category_key(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW, head="    summary: x\n")
    assert "rosetta.yml:4: category 'math' has unknown key 'summary'" in error(path)


def test_default_title_names_both_apis() -> None:
    assert default_title("tf.reduce_sum(x, axis=1)", "torch.sum(x, dim=1)") == "tf.reduce_sum · torch.sum"
    assert default_title("tf.cast(x, tf.int32)", "x.to(torch.int32)") == "tf.cast · Tensor.to"


def test_real_file_is_valid_and_large_enough() -> None:
    categories = load_rosetta()
    rows = all_rows(categories)
    assert len(rows) >= 150
    assert len({c.id for c in categories}) >= 12


@pytest.fixture(scope="module")
def page() -> str:
    """The rendered dictionary, once for the tests that read it (rendering highlights every row)."""
    return render(RenderContext(page_src="reference/api-dictionary.md", line=1, arg="api-dictionary", pairs={}, config={}))


def test_page_has_one_searchable_heading_per_row(page: str) -> None:
    """Each row is its own search section whose heading names both APIs."""
    html = page
    rows = all_rows(load_rosetta())
    for row in rows:
        assert f'<h3 id="{row.id}">' in html
    assert '<h3 id="reduce-sum">tf.reduce_sum · torch.sum' in html
    assert 'id="sbs-rosetta-filter"' in html
    assert f"{len(rows)} of {len(rows)} mappings shown" in html


def test_see_must_be_a_docs_page(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW + "        see: https://example.org\n")
    assert "rosetta.yml:10: row 'reduce-sum' see 'https://example.org' is not a docs-relative page link" in error(path)


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("[x]", "'domain' must map input names to tags"),
        ("{y: non-negative}", "'domain' names 'y', which is not an array input of the row"),
        ("{x: sorted}", "'domain' of 'x' has an unknown tag 'sorted'"),
        ("{x: [positive, non-negative]}", "'domain' of 'x' has 2 value tags"),
    ],
)
def test_bad_domain(tmp_path: Path, domain: str, expected: str) -> None:
    message = error(write(tmp_path, GOOD_ROW + f"        domain: {domain}\n"))
    assert f"rosetta.yml:10: row 'reduce-sum': {expected}" in message


def test_page_shows_each_domain(page: str) -> None:
    """A row that holds only on part of the generated inputs says where, on its card."""
    rows = [row for row in all_rows(load_rosetta()) if row.domain]
    assert rows
    for row in rows:
        card = page.split(f'<h3 id="{row.id}">', 1)[1].split('<div class="sbs-rosetta-row"', 1)[0]
        assert f"<strong>Holds only for</strong> {html.escape(domain_text(row))}:" in card
    assert f"{len(rows)} rows hold only on part of that range" in page


PAIR_ROW = """\
      - id: tf-function
        check: pair
        pair: execution-model/compiled-matches-eager
        see: topics/execution-model.md#same-numbers
        tf: "tf.function(mlp)"
        torch: "torch.compile(mlp)"
        notes: "n"
"""


def test_pair_row_loads_without_running() -> None:
    """A check: pair row's code may end in a statement; the pair is its evidence."""
    rows = [row for row in all_rows(load_rosetta()) if row.check == "pair"]
    assert rows and all(row.pair and row.see and not row.inputs for row in rows)


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("        check: pair\n", "", 6, "'pair' needs check: pair"),
        ("        pair: execution-model/compiled-matches-eager\n", "", 6, "has check: pair but no 'pair'"),
        ("        see: topics/execution-model.md#same-numbers\n", "", 6, "has check: pair but no 'see'"),
        ('        notes: "n"\n', '        notes: "n"\n        inputs: {x: "randn(3)"}\n', 12,
         "'inputs' describes running the row, but a check: pair row is not run"),
        ("compiled-matches-eager", "no-such-pair", 7, "pair 'execution-model/no-such-pair' has no TensorFlow half"),
        ("torch.compile(mlp)", "torch.jit.script(mlp)", 7,
         "the PyTorch half of pair 'execution-model/compiled-matches-eager' never calls script"),
        ("topics/execution-model.md#same-numbers", "topics/debugging.md#x", 7,
         "page 'topics/debugging.md#x' does not show pair 'execution-model/compiled-matches-eager'"),
    ],
)
def test_bad_pair_row(tmp_path: Path, old: str, new: str, line: int, expected: str) -> None:
    """Each way a check: pair row can lose its evidence is refused with the row's file and line."""
    assert old in PAIR_ROW
    path = write(tmp_path, PAIR_ROW.replace(old, new))
    assert f"rosetta.yml:{line}: row 'tf-function'" in error(path)
    assert expected in error(path)


def test_page_links_each_pair_row_to_its_pair(page: str) -> None:
    """A row not run here tells the reader so and links the section that shows its pair."""
    rows = [row for row in all_rows(load_rosetta()) if row.check == "pair"]
    for row in rows:
        card = page.split(f'<h3 id="{row.id}">', 1)[1].split('<div class="sbs-rosetta-row"', 1)[0]
        assert "Not run on its own here" in card
        assert f'The pair: <a href="../../{row.see.replace(".md", "/")}">' in card, card
