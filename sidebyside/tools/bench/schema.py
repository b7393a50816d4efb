"""Validate a benchmark result file before anything renders it.

The page is generated from the newest file in ``data/bench/``; a truncated
or hand-edited file must stop the build with its path and the broken field,
not render a misleading table.

Schema 2 stores what each training run reached. A case with a target
(``extra.target_accuracy``) lists every run in ``extra.runs``: its round,
seed, epochs trained, final test accuracy and whether and when it reached
the target. Its ``repeats`` are the times to target of the runs that
reached it, so a missed run can never be read as a time to target.
``None`` means "not recorded" and is shown as such.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from sidebyside.errors import SiteError

SCHEMA_VERSION = 2
TOP = {"schema", "date", "mode", "config", "machine", "os", "python", "versions", "threads", "measurements"}
TOP_OPTIONAL = {"history"}
MEASUREMENT = {"case", "group", "framework", "variant", "unit", "lower_is_better", "repeats", "extra"}
FRAMEWORKS = {"tensorflow", "pytorch", "numpy"}
RUN = {"round", "seed", "epochs", "seconds", "test_accuracy", "reached", "epoch_reached", "seconds_to_target"}


def _line_of(text: str, needle: str) -> int | None:
    """Best-effort line of a JSON key/value, for the error message."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def run_problem(run: Any, target: float) -> str | None:
    """What is inconsistent in one training run's record, or None.

    The rules are the ones a reader relies on: a run marked as reached has
    an accuracy at or above the target and a time to it; a missed run has
    neither; an unrecorded outcome has no accuracy either.
    """
    if not isinstance(run, dict) or set(run) != RUN:
        return f"a run must have exactly the fields {sorted(RUN)}"
    if not (isinstance(run["epochs"], int) and run["epochs"] > 0 and _is_number(run["seconds"])):
        return "a run needs whole 'epochs' > 0 and non-negative 'seconds'"
    accuracy, reached = run["test_accuracy"], run["reached"]
    if reached is None:
        return None if accuracy is None and run["epoch_reached"] is None and run["seconds_to_target"] is None \
            else "a run whose outcome was not recorded ('reached': null) cannot have an accuracy or a time to target"
    if not _is_number(accuracy):
        return "a run with a recorded outcome needs its 'test_accuracy'"
    if reached is True:
        ok = (isinstance(run["epoch_reached"], int) and 0 < run["epoch_reached"] <= run["epochs"]
              and _is_number(run["seconds_to_target"]) and run["seconds_to_target"] <= run["seconds"] + 1e-9)
        if not ok:
            return "a run that reached the target needs 'epoch_reached' <= 'epochs' and 'seconds_to_target' <= 'seconds'"
        if run["epoch_reached"] == run["epochs"] and accuracy < target:
            return f"test accuracy {accuracy} is below the target {target} at the epoch it reached it"
        return None
    if reached is False:
        if run["epoch_reached"] is not None or run["seconds_to_target"] is not None:
            return "a run that missed the target has no 'epoch_reached' or 'seconds_to_target' (use null)"
        return None if accuracy < target else f"test accuracy {accuracy} is not below the target {target}, yet 'reached' is false"
    return "'reached' must be true, false or null (not recorded)"


def _check_target(path: Path, text: str, item: dict[str, Any]) -> None:
    extra = item["extra"]
    target, runs = extra.get("target_accuracy"), extra.get("runs")
    where = _line_of(text, json.dumps(item["case"]))
    if not (isinstance(target, float) and 0 < target <= 1) or not isinstance(runs, list) or not runs:
        raise SiteError(path, where, f"case '{item['case']}' needs 'target_accuracy' in (0, 1] and a non-empty 'runs' list",
                        "re-run 'make bench'")
    for number, run in enumerate(runs, start=1):
        problem = run_problem(run, target)
        if problem:
            raise SiteError(path, where, f"case '{item['case']}' ({item['framework']}), run {number}: {problem}",
                            "record what the run reached; never edit a missed run into a reached one")
    expected = [run["seconds_to_target"] for run in runs if run["reached"] is True]
    if item["repeats"] != expected:
        raise SiteError(path, where, f"case '{item['case']}' ({item['framework']}): 'repeats' must be the times to target "
                        f"of the runs that reached it, in order ({len(expected)} value(s))",
                        "a time to target exists only for a run that reached the target")


def load_results(path: Path) -> dict[str, Any]:
    """Parse and validate one result file; raise SiteError naming file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SiteError(path, exc.lineno, f"invalid JSON: {exc.msg}", "re-run 'make bench' or fix the file") from None
    if not isinstance(doc, dict):
        raise SiteError(path, 1, "result file is not a JSON object", "re-run 'make bench'")
    missing = sorted(TOP - set(doc))
    if missing:
        raise SiteError(path, None, f"missing top-level field '{missing[0]}'", "re-run 'make bench'")
    unknown = sorted(set(doc) - TOP - TOP_OPTIONAL)
    if unknown:
        raise SiteError(path, _line_of(text, f'"{unknown[0]}"'), f"unknown top-level field '{unknown[0]}'",
                        f"allowed: {sorted(TOP | TOP_OPTIONAL)}")
    if doc["schema"] != SCHEMA_VERSION:
        raise SiteError(path, _line_of(text, '"schema"'), f"unknown schema version {doc['schema']!r}", f"expected {SCHEMA_VERSION}")
    for item in doc["measurements"]:
        keys = set(item) if isinstance(item, dict) else set()
        if keys != MEASUREMENT:
            problem = sorted((MEASUREMENT - keys) or (keys - MEASUREMENT))
            raise SiteError(path, _line_of(text, json.dumps(item.get("case", "")) if keys else "measurements"),
                            f"measurement has wrong fields ({', '.join(problem)})", f"fields must be {sorted(MEASUREMENT)}")
        if item["framework"] not in FRAMEWORKS:
            raise SiteError(path, _line_of(text, f'"{item["framework"]}"'), f"unknown framework '{item['framework']}'",
                            f"use one of {sorted(FRAMEWORKS)}")
        repeats = item["repeats"]
        has_target = isinstance(item["extra"], dict) and "target_accuracy" in item["extra"]
        if not isinstance(repeats, list) or (not repeats and not has_target) or not all(_is_number(r) for r in repeats):
            raise SiteError(path, _line_of(text, json.dumps(item["case"])), f"case '{item['case']}' has no valid repeat times",
                            "every repeat must be a non-negative number")
        if has_target:
            _check_target(path, text, item)
    return doc


def median(values: list[float]) -> float:
    return statistics.median(values)


def newest(folder: Path) -> Path | None:
    """Result files are named ``YYYY-MM-DD-<machine>.json``; newest sorts last."""
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    return files[-1] if files else None
