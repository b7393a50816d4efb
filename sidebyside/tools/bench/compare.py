"""Turn a validated result document into comparison rows (no I/O, no drawing).

Shared by the page renderer and the chart script so the table and the
charts always show the same numbers.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

GROUP_TITLES = {
    "step": "Train step: eager vs compiled",
    "compile": "Compile time (first call minus a steady call)",
    "training": "Training on the digits data",
    "inference": "Inference latency",
    "pipeline": "Input pipeline throughput",
    "startup": "Start-up and memory",
    "matmul": "Matrix multiply against the machine's measured peak",
}


@dataclass(frozen=True)
class Stat:
    variant: str
    median: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class Row:
    group: str
    case: str
    unit: str
    lower_is_better: bool
    tf: Stat | None
    pt: Stat | None
    ref: Stat | None

    @property
    def ratio(self) -> float | None:
        """TensorFlow median / PyTorch median (None if either is missing or zero)."""
        if self.tf and self.pt and self.pt.median:
            return self.tf.median / self.pt.median
        return None

    @property
    def faster(self) -> str:
        ratio = self.ratio
        if ratio is None:
            return "n/a"
        if 0.9 <= ratio <= 1.1:
            return "within 10%"
        tf_wins = ratio < 1 if self.lower_is_better else ratio > 1
        return "TensorFlow" if tf_wins else "PyTorch"


def _stat(item: dict[str, Any]) -> Stat:
    values = item["repeats"]
    return Stat(item["variant"], statistics.median(values), min(values), max(values), len(values))


def rows(doc: dict[str, Any]) -> list[Row]:
    """One row per case, in the order the cases first appear."""
    by_case: dict[str, dict[str, Any]] = {}
    for item in doc["measurements"]:
        entry = by_case.setdefault(item["case"], {"group": item["group"], "unit": item["unit"],
                                                  "lower": item["lower_is_better"], "fw": {}})
        entry["fw"][item["framework"]] = _stat(item)
    order = list(GROUP_TITLES)
    out = [Row(v["group"], case, v["unit"], v["lower"], v["fw"].get("tensorflow"), v["fw"].get("pytorch"), v["fw"].get("numpy"))
           for case, v in by_case.items()]
    return sorted(out, key=lambda r: order.index(r.group) if r.group in order else len(order))
