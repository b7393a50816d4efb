"""Every row of data/rosetta.yml runs in both frameworks and gives the same answer.

One test per row (so ``-n auto`` spreads them across workers); both
frameworks are imported once per worker, at module scope. A failure message
starts with ``data/rosetta.yml:LINE`` so the row to fix is one click away.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import pytest
import tensorflow as tf
import torch

from sidebyside.data.rosetta import all_rows, load_rosetta
from sidebyside.tools.rosetta_eval import RowFailure, compare, evaluate, verify

torch.set_num_threads(1)

ROWS = [row for row in all_rows(load_rosetta()) if row.check != "pair"]
"""Rows with check: pair are proven by their executed pair; the loader checks that the pair makes their calls."""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Rows that save files write into a fresh directory."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_row_matches(row) -> None:
    """Agreement, plus what keeps the row able to fail: no trivial result, properties, the negative default."""
    verify(row, tf, torch)


def test_enough_rows_and_categories() -> None:
    """The issue asks for at least 150 mappings; categories must not be empty shells."""
    categories = load_rosetta()
    assert len(ROWS) >= 150
    assert all(len(c.rows) >= 3 for c in categories)


def _rows_from(tmp_path, text: str):
    path = tmp_path / "rosetta.yml"
    path.write_text("categories:\n  - id: c\n    title: C\n    rows:\n" + text, encoding="utf-8")
    return all_rows(load_rosetta(path))


def test_a_wrong_mapping_fails_with_file_and_line(tmp_path) -> None:
    """The comparison must be able to fail: dim=0 is not axis=1."""
    (row,) = _rows_from(
        tmp_path,
        '      - id: wrong\n        tf: "tf.reduce_sum(x, axis=1)"\n        torch: "torch.sum(x, dim=0)"\n'
        '        inputs: {x: "randn(3, 3)"}\n        notes: "n"\n',
    )
    with pytest.raises(RowFailure) as info:
        compare(row, *evaluate(row, tf, torch))
    assert info.value.args[0].endswith("rosetta.yml:5: row 'wrong': values differ by up to " + info.value.args[0].split("up to ")[1])
    assert "beyond tolerance 'float32'" in info.value.args[0]


def test_raising_code_fails_with_file_and_line(tmp_path) -> None:
    (row,) = _rows_from(tmp_path, '      - id: boom\n        tf: "tf.no_such_op(1)"\n        torch: "torch.zeros(1)"\n        notes: "n"\n')
    with pytest.raises(RowFailure, match=r"rosetta\.yml:5: row 'boom': TensorFlow code raised AttributeError"):
        evaluate(row, tf, torch)


def test_an_unmapped_layer_weight_fails(tmp_path) -> None:
    (row,) = _rows_from(
        tmp_path,
        '      - id: dense\n        kind: layer\n        tf: "tf.keras.layers.Dense(2)"\n        torch: "torch.nn.Linear(3, 2)"\n'
        '        inputs: {x: "randn(1, 3)"}\n        weights: {kernel: "weight.T"}\n        notes: "n"\n',
    )
    with pytest.raises(RowFailure, match=r"rosetta\.yml:5: row 'dense': Keras variable '.*bias' matches 0 'weights' keys"):
        evaluate(row, tf, torch)
