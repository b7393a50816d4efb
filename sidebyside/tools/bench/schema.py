"""Validate a benchmark result file before anything renders it.

The page is generated from the newest file in ``data/bench/``; a truncated
or hand-edited file must stop the build with its path and the broken field,
not render a misleading table.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from sidebyside.errors import SiteError

TOP = {"schema", "date", "mode", "config", "machine", "os", "python", "versions", "threads", "measurements"}
MEASUREMENT = {"case", "group", "framework", "variant", "unit", "lower_is_better", "repeats", "extra"}
FRAMEWORKS = {"tensorflow", "pytorch", "numpy"}


def _line_of(text: str, needle: str) -> int | None:
    """Best-effort line of a JSON key/value, for the error message."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


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
    if doc["schema"] != 1:
        raise SiteError(path, _line_of(text, '"schema"'), f"unknown schema version {doc['schema']!r}", "expected 1")
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
        if not repeats or not all(isinstance(r, int | float) and r >= 0 for r in repeats):
            raise SiteError(path, _line_of(text, json.dumps(item["case"])), f"case '{item['case']}' has no valid repeat times",
                            "every repeat must be a non-negative number")
    return doc


def median(values: list[float]) -> float:
    return statistics.median(values)


def newest(folder: Path) -> Path | None:
    """Result files are named ``YYYY-MM-DD-<machine>.json``; newest sorts last."""
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    return files[-1] if files else None
