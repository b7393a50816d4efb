"""Weakened API-dictionary rows are rejected: each test plants one lie and expects the row's check to fail.

A lie is a wrong mapping that an easy check would let through: ``torch.round``
replaced by ``torch.trunc`` on whole-number inputs, ``randperm`` by
``arange`` under a shape-only check, a ``searchsorted`` whose inputs never
hit an element, a single ``True``, an identity function, an epsilon that
cannot show. The rows are the real ones from ``data/rosetta.yml``; only the
planted change differs.
"""

from __future__ import annotations

import dataclasses
import os
import re

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import pytest
import tensorflow as tf
import torch

from sidebyside.data.rosetta import all_rows, load_rosetta
from sidebyside.errors import SiteError
from sidebyside.tools.rosetta_eval import RowFailure, compare, evaluate, verify

torch.set_num_threads(1)

ROWS = {row.id: row for row in all_rows(load_rosetta())}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def planted(row_id: str, **changes):
    """The real row with one planted change, after checking the real row passes."""
    row = ROWS[row_id]
    verify(row, tf, torch)
    for key, (old, new) in changes.items():
        if old is not None:
            assert old in getattr(row, key), f"'{old}' is not in row {row_id} {key}"
            changes[key] = getattr(row, key).replace(old, new)
        else:
            changes[key] = new
    return dataclasses.replace(row, **changes)


LIES = [
    pytest.param("round-half-even", {"torch": ("torch.round(x)", "torch.trunc(x)")}, "values differ", id="round->trunc"),
    pytest.param("round-half-even", {"torch": ("torch.round(x)", "torch.floor(x + 0.5)")}, "values differ",
                 id="round-half-up"),
    pytest.param("permutation", {"torch": ("torch.randperm(12)", "torch.arange(12)")}, "fails the property",
                 id="randperm->arange"),
    pytest.param("shuffle", {"torch": ("x[torch.randperm(x.shape[0])]", "x")}, "fails the property", id="shuffle->identity"),
    pytest.param("normal", {"torch": ("torch.randn(2000)", "torch.rand(2000)")}, "fails the property", id="randn->rand"),
    pytest.param("uniform-int", {"torch": ("torch.randint(0, 10, (2000,))", "torch.randint(0, 9, (2000,))")},
                 "fails the property", id="randint-off-by-one"),
    pytest.param("categorical", {"torch": ("torch.softmax(logits, dim=1)", "torch.softmax(logits * 2, dim=1)")},
                 "fails the property", id="categorical-wrong-temperature"),
    pytest.param("searchsorted", {"torch": ("torch.searchsorted(s, v)", "torch.searchsorted(s, v, right=True)")},
                 "values differ", id="searchsorted-left->right"),
    pytest.param("allclose", {"torch": ("torch.allclose(a, a * (1 + 5e-5))", "torch.allclose(a, a * (1 + 5e-5), rtol=1e-4)")},
                 "values differ", id="allclose-wrong-rtol"),
    pytest.param("all-equal", {"torch": ("torch.equal(a, b), ", "True, ")}, "values differ", id="equal->True"),
    pytest.param("no-grad", {"torch": ("not y.requires_grad, not z.requires_grad", "True, True")}, "values differ",
                 id="no-grad->True"),
    pytest.param("reduce-any", {"torch": ("torch.any(m, dim=1)", "torch.all(m, dim=1)")}, "values differ", id="any->all"),
    pytest.param("reduce-std", {"torch": ("correction=0", "correction=1")}, "values differ", id="std-bessel"),
    pytest.param("adam", {"tf": ("epsilon=1e-8", "epsilon=1e-7")}, "values differ", id="adam-keras-epsilon"),
    pytest.param("batch-norm", {"tf": ("epsilon=1e-5", "epsilon=1e-3")}, "values differ", id="batchnorm-keras-epsilon"),
    pytest.param("adam", {"negative": (None, {"tf": "tf.keras.optimizers.Adam(learning_rate=0.1, epsilon=1e-8)"})},
                 "still agree within tolerance", id="negative-that-cannot-differ"),
    pytest.param("zeros-like", {"trivial": (None, "")}, "every result is a constant array", id="constant-without-reason"),
    pytest.param("to-numpy", {"trivial": (None, "")}, "is the input 'x' unchanged", id="identity-without-reason"),
    pytest.param("abs", {"torch": ("torch.abs(x)", "x")}, "values differ", id="abs->identity"),
    pytest.param("custom-gradient", {"torch": ("dy.clamp(-0.1, 0.1)", "dy.clamp(-1.0, 1.0)")}, "values differ",
                 id="custom-gradient-wrong-clip"),
]


@pytest.mark.parametrize(("row_id", "changes", "expected"), LIES)
def test_a_weakened_row_is_rejected(row_id: str, changes: dict, expected: str) -> None:
    lie = planted(row_id, **changes)
    with pytest.raises(RowFailure, match=expected) as info:
        verify(lie, tf, torch)
    assert info.value.args[0].startswith(f"data/rosetta.yml:{lie.line}: row '{row_id}'")


def test_a_shape_only_row_without_properties_is_refused(tmp_path) -> None:
    path = tmp_path / "rosetta.yml"
    path.write_text('categories:\n  - id: c\n    title: C\n    rows:\n      - id: r\n        tf: "tf.random.normal((3,))"\n'
                    '        torch: "torch.randn(3)"\n        check: shape\n        notes: "n"\n', encoding="utf-8")
    with pytest.raises(SiteError, match=r"rosetta\.yml:8: row 'r' checks only shapes and has no 'properties'"):
        load_rosetta(path)


KIND_INPUTS = [
    pytest.param("floormod", "tf.math.floormod(a, b)", "torch.fmod(a, b)", '{a: "positive(6)", b: "positive(6)"}',
                 "signed values with ties at .5", r"a = \[.+\] \(float32, shape \(6,\)\), b = \[.+\] \(float32, shape \(6,\)\)",
                 id="floormod->fmod-on-positives"),
    pytest.param("floordiv", "tf.math.floordiv(a, b)", "torch.div(a, b, rounding_mode='trunc')",
                 '{a: "randint(1, 9, 6)", b: "randint(1, 4, 6)"}', "signed values with ties at .5",
                 r"a = \[.+\] \(int64, shape \(6,\)\), b = \[.+\] \(int64, shape \(6,\)\)", id="floordiv->trunc-on-positives"),
    pytest.param("reduce-std", "tf.math.reduce_std(x, axis=1)", "torch.std(x, dim=1)", '{x: "randn(2, 400000)"}',
                 "each axis cut to 2", r"x = \[.+\] \(float32, shape \(2, 2\)\)", id="std-n-1-on-800000-elements"),
]


@pytest.mark.parametrize(("row_id", "tf_code", "torch_code", "inputs", "case", "shown"), KIND_INPUTS)
def test_a_wrong_row_on_kind_inputs_fails_on_generated_ones(tmp_path, row_id, tf_code, torch_code, inputs, case, shown) -> None:
    """The wrong row passes on the inputs its author chose; a generated input names it and where the sides differ."""
    path = tmp_path / "rosetta.yml"
    path.write_text(f'categories:\n  - id: c\n    title: C\n    rows:\n      - id: {row_id}\n        tf: "{tf_code}"\n'
                    f'        torch: "{torch_code}"\n        inputs: {inputs}\n        notes: "n"\n', encoding="utf-8")
    (row,) = all_rows(load_rosetta(path))
    compare(row, *evaluate(row, tf, torch))  # the author's inputs hide the lie
    with pytest.raises(RowFailure) as info:
        verify(row, tf, torch)
    number = r"-?\d+(\.\d+)?(e-?\d+)?"
    assert re.fullmatch(
        rf"{re.escape(str(path))}:5: row '{row_id}': on a generated input \({re.escape(case)}: {shown}\): values differ.* "
        rf"\(first at index \(\d+,\): TensorFlow {number}, PyTorch {number}\); TensorFlow gave .+, PyTorch gave .+; "
        r"fix the mapping, or declare where it holds with 'domain:' \(e\.g\. domain: \{x: non-negative\}\)",
        info.value.args[0],
    ), info.value.args[0]


def test_a_row_both_sides_reject_on_every_generated_input_proves_nothing(tmp_path) -> None:
    """Skipping inputs both frameworks reject must not let a row pass on none of them."""
    path = tmp_path / "rosetta.yml"
    path.write_text('categories:\n  - id: c\n    title: C\n    rows:\n      - id: guarded-sqrt\n'
                    '        tf: "tf.debugging.assert_positive(x) or tf.sqrt(x)"\n'
                    "        torch: \"torch._assert(bool((x > 0).all()), 'x > 0') or torch.sqrt(x)\"\n"
                    '        inputs: {x: "positive(8)"}\n        domain: {x: fixed-shape}\n        notes: "n"\n', encoding="utf-8")
    (row,) = all_rows(load_rosetta(path))
    compare(row, *evaluate(row, tf, torch))
    with pytest.raises(RowFailure) as info:
        verify(row, tf, torch)
    assert info.value.args[0] == (
        f"{path}:5: row 'guarded-sqrt': both frameworks rejected every generated input, so nothing beyond the written "
        "inputs is proven; narrow the inputs with 'domain:' so that some run")


def test_a_generated_input_only_one_side_rejects_fails(tmp_path) -> None:
    """The real one-hot row without its domain: PyTorch refuses negative classes, TensorFlow gives a zero row."""
    row = dataclasses.replace(ROWS["one-hot"], domain={})
    with pytest.raises(RowFailure) as info:
        verify(row, tf, torch)
    assert re.fullmatch(
        rf"data/rosetta\.yml:{row.line}: row 'one-hot': on a generated input \(signed values with ties at \.5: idx = \[.+\] "
        r"\(int64, shape \(5,\)\)\), TensorFlow returned .+ but PyTorch raised RuntimeError: Class values must be "
        r"non-negative\.; fix the mapping, or declare where it holds with 'domain:' \(e\.g\. domain: \{x: non-negative\}\)",
        info.value.args[0],
    ), info.value.args[0]
