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

import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402
import torch  # noqa: E402

from sidebyside.rosetta import all_rows, load_rosetta  # noqa: E402
from sidebyside.rosetta_eval import compare, evaluate  # noqa: E402

torch.set_num_threads(1)

ROWS = all_rows(load_rosetta())


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Rows that save files write into a fresh directory."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_row_matches(row) -> None:
    tf_arrays, torch_arrays = evaluate(row, tf, torch)
    compare(row, tf_arrays, torch_arrays)


def test_enough_rows_and_categories() -> None:
    """The issue asks for at least 150 mappings; categories must not be empty shells."""
    categories = load_rosetta()
    assert len(ROWS) >= 150
    assert all(len(c.rows) >= 3 for c in categories)
