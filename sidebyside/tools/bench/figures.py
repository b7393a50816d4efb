"""Named figures derived from a result document, and the words that compare them.

Prose about the benchmarks (the page's verdict and notes, the comparison
table's performance rows) quotes these figures; the renderers print them
and the tests compare every typed quote with them, so a sentence cannot
drift from the data it summarises. Comparisons follow the page's rule: a
ratio within ``TIE`` of 1 is a tie, whatever the words would like to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sidebyside.tools.bench.compare import TIE, Outcome, Row, rows

NAMES = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}


@dataclass(frozen=True)
class Figures:
    """Rows by case, plus the document's config, with the lookups prose needs."""

    by_case: dict[str, Row]
    config: dict[str, Any]

    @classmethod
    def of(cls, doc: dict[str, Any]) -> Figures:
        return cls({row.case: row for row in rows(doc)}, doc["config"])

    def row(self, case: str) -> Row:
        try:
            return self.by_case[case]
        except KeyError:
            raise KeyError(f"no benchmark case '{case}'; known: {sorted(self.by_case)}") from None

    def median(self, case: str, framework: str) -> float:
        stat = self.row(case).tf if framework == "tensorflow" else self.row(case).pt
        if stat is None:
            raise KeyError(f"case '{case}' has no {framework} measurement")
        return stat.median

    def ratio(self, case: str) -> float:
        """TensorFlow / PyTorch medians; KeyError when the case has no ratio (for example a missed target)."""
        value = self.row(case).ratio
        if value is None:
            raise KeyError(f"case '{case}' has no ratio")
        return value

    def speedup(self, case: str) -> float:
        ratio = self.ratio(case)
        return max(ratio, 1 / ratio)

    def outcome(self, case: str, framework: str) -> Outcome:
        row = self.row(case)
        found = row.tf_outcome if framework == "tensorflow" else row.pt_outcome
        if found is None:
            raise KeyError(f"case '{case}' has no target outcome for {framework}")
        return found

    @property
    def training_case(self) -> str:
        return f"Training time, {self.config['max_epochs']} epochs (CNN, digits)"

    @property
    def target_case(self) -> str:
        return f"Time to {self.config['target_accuracy']:.0%} test accuracy (CNN, digits)"


def times(value: float) -> str:
    """'2.5 times' style: one decimal below 10, whole numbers above."""
    return f"{value:.0f} times" if value >= 10 else f"{value:.1f} times"


def is_tie(ratio: float) -> bool:
    return 1 - TIE <= ratio <= 1 + TIE


def versus(row: Row, subject: str) -> str:
    """How ``subject`` (a framework key) compares on ``row``: 'matches' or 'is N times faster than' / 'slower than'.

    The verb follows the page's tie rule, so a 17% gap is never called the same speed.
    """
    ratio = row.ratio
    if ratio is None:
        raise KeyError(f"case '{row.case}' has no ratio")
    if is_tie(ratio):
        return "matches"
    tf_faster = ratio < 1 if row.lower_is_better else ratio > 1
    subject_faster = tf_faster if subject == "tensorflow" else not tf_faster
    return f"is {times(max(ratio, 1 / ratio))} {'faster' if subject_faster else 'slower'} than"


def reached_summary(outcome: Outcome) -> str:
    """'2 of 3 recorded runs' (runs whose outcome was not recorded are not counted)."""
    recorded = len(outcome.runs) - outcome.count(None)
    return f"{outcome.count(True)} of {recorded} recorded runs"
