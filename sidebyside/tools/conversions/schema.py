"""The matrix record (data/conversions/matrix.json): its fields, loading and checking.

No framework import here: the site build and the tests read the record
without TensorFlow or PyTorch installed.
"""

from __future__ import annotations

import json
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError

RECORD = ROOT / "data" / "conversions" / "matrix.json"
TOLERANCE = 1e-4
"""Largest absolute difference between original and converted outputs that still counts as the same model."""
RERUN_FLOOR = 1e-6
"""Below this, two differences are float32 noise of the same result: a re-run of a cell recorded at 0.0 gave 1.2e-7
(one unit in the last place at 1.0), as threads sum in another order."""
RERUN_FACTOR = 4.0
"""A re-run in the same environment repeats the recorded difference to within this factor, or the record was edited."""
MARKER = "CELL-RESULT "
STATUSES = ("pass", "mismatch", "error", "timeout", "crash")
CELL_KEYS = {"path", "family", "status", "max_abs_diff", "largest", "error", "seconds", "versions"}
SAMPLES = 3
"""Output elements kept per cell, those that differ most: the recorded difference is derived from them."""
TOP_KEYS = {"schema", "date", "python", "platform", "tolerance", "seconds", "envs", "paths", "families", "cells"}


def same_difference(recorded: float | None, now: float | None) -> bool:
    """Whether a re-run's largest difference is the recorded one, up to float noise.

    A pass/fail threshold is too coarse for this: a recorded 1e-6 edited to
    1e-4 still "passes". Same pinned versions, same seeded inputs: the figure
    repeats within a small factor, or both are at float32's noise floor.
    """
    if recorded is None or now is None:
        return recorded is None and now is None
    low, high = sorted((abs(recorded), abs(now)))
    return high - low <= RERUN_FLOOR or high <= RERUN_FACTOR * low


def largest_difference(largest: list) -> float | None:
    """The cell's difference, derived from its recorded output elements (none when outputs were not compared)."""
    return max((abs(original - converted) for _, original, converted in largest), default=None)


def _check_samples(cell: dict, name: str, where: Path) -> None:
    """``largest`` holds ``[index, original, converted]`` rows; ``max_abs_diff`` must be what they give."""
    rows = cell["largest"]
    well_formed = isinstance(rows, list) and len(rows) <= SAMPLES and all(
        isinstance(r, list) and len(r) == 3 and isinstance(r[0], int) and all(isinstance(v, float) for v in r[1:])
        for r in rows)
    if not well_formed:
        raise SiteError(where, None, f"{name}: 'largest' must list up to {SAMPLES} [index, original, converted] rows",
                        "re-run 'make conversions' instead of editing the record by hand")
    derived = largest_difference(rows)
    if derived != cell["max_abs_diff"]:
        raise SiteError(where, None, f"{name}: max_abs_diff {cell['max_abs_diff']} is not what its recorded outputs "
                        f"give ({derived})", "re-run 'make conversions' instead of editing the record by hand")


def check_cell(cell: dict, where: Path) -> None:
    """A cell must say what happened: a pass has a difference within tolerance, a failure has an error line."""
    name = f"cell {cell.get('path')}/{cell.get('family')}"
    if set(cell) != CELL_KEYS:
        raise SiteError(where, None, f"{name}: keys {sorted(set(cell) ^ CELL_KEYS)} missing or unknown",
                        "re-run 'make conversions' instead of editing the record by hand")
    _check_samples(cell, name, where)
    if cell["status"] not in STATUSES:
        raise SiteError(where, None, f"{name}: unknown status {cell['status']!r}", f"use one of {', '.join(STATUSES)}")
    if cell["status"] == "pass" and not (cell["max_abs_diff"] is not None and cell["max_abs_diff"] <= TOLERANCE
                                          and cell["error"] is None):
        raise SiteError(where, None, f"{name}: a pass needs max_abs_diff <= {TOLERANCE:g} and no error",
                        "re-run 'make conversions'")
    if cell["status"] != "pass" and not cell["error"]:
        raise SiteError(where, None, f"{name}: a {cell['status']} needs its first error line",
                        "re-run 'make conversions'")
    if not cell["versions"] or not all(isinstance(v, str) and v for v in cell["versions"].values()):
        raise SiteError(where, None, f"{name}: tool versions missing", "re-run 'make conversions'")


def check(doc: dict, where: Path) -> dict:
    """Validate a whole record: every (path, family) cell present exactly once."""
    if set(doc) != TOP_KEYS:
        raise SiteError(where, None, f"keys {sorted(set(doc) ^ TOP_KEYS)} missing or unknown", "re-run 'make conversions'")
    if doc["tolerance"] != TOLERANCE:
        raise SiteError(where, None, f"recorded with tolerance {doc['tolerance']}, the code says {TOLERANCE}",
                        "re-run 'make conversions'")
    seen = set()
    for cell in doc["cells"]:
        check_cell(cell, where)
        key = (cell["path"], cell["family"])
        if key in seen:
            raise SiteError(where, None, f"cell {key[0]}/{key[1]} recorded twice", "re-run 'make conversions'")
        seen.add(key)
    path_ids = [p["id"] for p in doc["paths"]]
    family_ids = [f["id"] for f in doc["families"]]
    missing = [f"{p}/{f}" for p in path_ids for f in family_ids if (p, f) not in seen]
    if missing or len(seen) != len(path_ids) * len(family_ids):
        raise SiteError(where, None, f"cells missing or extra: {missing[:5]}", "re-run 'make conversions'")
    return doc


def load(path: Path = RECORD) -> dict:
    if not path.exists():
        raise SiteError(path, None, "no conversion matrix recorded", "run 'make conversions' and commit the JSON file")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SiteError(path, error.lineno, f"not valid JSON: {error.msg}", "re-run 'make conversions'") from None
    return check(doc, path)


def passed(doc: dict) -> tuple[int, int]:
    """Cells passed and cells in total: the figure the page and the notes quote."""
    return sum(c["status"] == "pass" for c in doc["cells"]), len(doc["cells"])
