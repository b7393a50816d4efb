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
class Outcome:
    """What the runs of one framework reached on a case with a target accuracy."""

    target: float
    runs: tuple[dict[str, Any], ...]

    def count(self, reached: bool | None) -> int:
        return sum(run["reached"] is reached for run in self.runs)

    @property
    def all_reached(self) -> bool:
        return self.count(True) == len(self.runs)

    @property
    def best_missed(self) -> dict[str, Any] | None:
        """The missed run that came closest, to say how far off the target was."""
        missed = [run for run in self.runs if run["reached"] is False]
        return max(missed, key=lambda run: run["test_accuracy"]) if missed else None


TIE = 0.1
"""Ratios within this fraction of 1 are a tie: the page's noise rule."""


@dataclass(frozen=True)
class Row:
    group: str
    case: str
    unit: str
    lower_is_better: bool
    tf: Stat | None
    pt: Stat | None
    ref: Stat | None
    tf_outcome: Outcome | None = None
    pt_outcome: Outcome | None = None

    @property
    def has_target(self) -> bool:
        return self.tf_outcome is not None or self.pt_outcome is not None

    @property
    def ratio(self) -> float | None:
        """TensorFlow median / PyTorch median (None if either is missing or zero).

        For a case with a target, only when every run of both sides reached
        it: a median over the runs that happened to reach a target says
        nothing about the ones that did not.
        """
        if self.has_target and not (self.tf_outcome and self.pt_outcome
                                    and self.tf_outcome.all_reached and self.pt_outcome.all_reached):
            return None
        if self.tf and self.pt and self.pt.median:
            return self.tf.median / self.pt.median
        return None

    @property
    def speedup(self) -> float | None:
        """How many times faster the faster side is (>= 1), or None."""
        ratio = self.ratio
        if ratio is None:
            return None
        return max(ratio, 1 / ratio)

    @property
    def faster(self) -> str:
        ratio = self.ratio
        if ratio is None:
            return "target not reached in every run" if self.has_target else "n/a"
        if 1 - TIE <= ratio <= 1 + TIE:
            return "within 10%"
        tf_wins = ratio < 1 if self.lower_is_better else ratio > 1
        return "TensorFlow" if tf_wins else "PyTorch"


def _stat(item: dict[str, Any]) -> Stat | None:
    values = item["repeats"]
    if not values:
        return None
    return Stat(item["variant"], statistics.median(values), min(values), max(values), len(values))


def _outcome(item: dict[str, Any]) -> Outcome | None:
    extra = item["extra"]
    if "target_accuracy" not in extra:
        return None
    return Outcome(extra["target_accuracy"], tuple(extra["runs"]))


def rows(doc: dict[str, Any]) -> list[Row]:
    """One row per case, in the order the cases first appear."""
    by_case: dict[str, dict[str, Any]] = {}
    for item in doc["measurements"]:
        entry = by_case.setdefault(item["case"], {"group": item["group"], "unit": item["unit"],
                                                  "lower": item["lower_is_better"], "fw": {}, "outcome": {}})
        entry["fw"][item["framework"]] = _stat(item)
        entry["outcome"][item["framework"]] = _outcome(item)
    order = list(GROUP_TITLES)
    out = [Row(v["group"], case, v["unit"], v["lower"], v["fw"].get("tensorflow"), v["fw"].get("pytorch"), v["fw"].get("numpy"),
               v["outcome"].get("tensorflow"), v["outcome"].get("pytorch"))
           for case, v in by_case.items()]
    return sorted(out, key=lambda r: order.index(r.group) if r.group in order else len(order))
