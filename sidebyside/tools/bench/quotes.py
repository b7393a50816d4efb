"""Every benchmark figure typed in prose, checked against the newest result file.

The benchmark page renders its verdict and notes from the data; the
comparison table's performance rows, the page's method section and the
home page are typed text. This module lists each figure that text quotes
(``QUOTES``, ``PAGE_QUOTES``), computes the value it must agree with, and
also fails on any number the lists do not cover, so a new figure cannot
slip in unchecked. A quote agrees when the recorded value, rounded to the
quote's last significant digit, equals it ("about 640 MB" for 635.8).

    python -m sidebyside.tools.bench.quotes      prints the problems, exit 1 if any
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sidebyside import ROOT
from sidebyside.data.comparison import Comparison, load_comparison
from sidebyside.tools.bench.compare import TIE
from sidebyside.tools.bench.figures import Figures
from sidebyside.tools.bench.schema import load_results, newest

Value = Callable[[Figures, dict[str, Any]], float]
NUMBER_RE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:e-?\d+)?")
PERFORMANCE_GROUP = "performance"
PAGE = ROOT / "docs" / "decide" / "benchmarks.md"
HOME = ROOT / "docs" / "index.md"


@dataclass(frozen=True)
class Quote:
    """Figures quoted by one regex in one field of a comparison row (or a page when ``row`` is empty)."""

    row: str
    field: str
    pattern: str
    values: tuple[Value, ...]


def med(case: str, framework: str) -> Value:
    return lambda f, doc: f.median(case, framework)


def speed(case: str) -> Value:
    return lambda f, doc: f.speedup(case)


def config(key: str) -> Value:
    return lambda f, doc: float(doc["config"][key])


def _target(framework: str, what: str) -> Value:
    def value(f: Figures, doc: dict[str, Any]) -> float:
        outcome = f.outcome(f.target_case, framework)
        recorded = [run for run in outcome.runs if run["reached"] is not None]
        if what == "reached":
            return float(sum(run["reached"] is True for run in recorded))
        if what == "recorded":
            return float(len(recorded))
        missed = [run["test_accuracy"] for run in recorded if run["reached"] is False]
        return max(missed)
    return value


def _compile_bounds(which: str) -> Value:
    def value(f: Figures, doc: dict[str, Any]) -> float:
        medians = [f.median(f"{m} compile time, compiled", "pytorch") for m in ("MLP", "CNN")]
        return min(medians) if which == "low" else max(medians)
    return value


def _speed_bound(cases: tuple[str, ...], which: str) -> Value:
    def value(f: Figures, doc: dict[str, Any]) -> float:
        speeds = [f.speedup(case) for case in cases]
        return min(speeds) if which == "low" else max(speeds)
    return value


def _parallel_workers(f: Figures, doc: dict[str, Any]) -> float:
    found = {int(m.group(1)) for case in f.by_case for m in [re.search(r"(\d+) parallel workers", case)] if m}
    if len(found) != 1:
        raise KeyError("expected exactly one parallel-worker count in the cases")
    return float(found.pop())


EAGER = ("MLP train step, eager", "CNN train step, eager")
ONNX = ("Inference latency, batch 1, ONNX", "Inference latency, batch 64, ONNX")
TRAIN = "Training time, 40 epochs (CNN, digits)"

QUOTES: tuple[Quote, ...] = (
    Quote("eager-speed", "tensorflow", r"About (\S+) ms \(MLP\) and (\S+) ms \(CNN\)",
          (med(EAGER[0], "tensorflow"), med(EAGER[1], "tensorflow"))),
    Quote("eager-speed", "pytorch", r"About (\S+) ms \(MLP\) and (\S+) ms \(CNN\) per step, (\S+) to (\S+) times faster",
          (med(EAGER[0], "pytorch"), med(EAGER[1], "pytorch"), _speed_bound(EAGER, "low"), _speed_bound(EAGER, "high"))),
    Quote("compiled-speed", "tensorflow", r"were (\S+) times faster on the CNN; tracing took about (\S+) s",
          (speed("CNN train step, compiled"),
           lambda f, doc: max(f.median(f"{m} compile time, compiled", "tensorflow") for m in ("MLP", "CNN")))),
    Quote("compiled-speed", "pytorch", r"compile times \((\S+) to (\S+) s\)", (_compile_bounds("low"), _compile_bounds("high"))),
    Quote("training-time", "tensorflow", r"about (\S+) s for (\S+) epochs.*reached (\S+)% test accuracy \(best (\S+)\)",
          (med(TRAIN, "tensorflow"), config("max_epochs"), lambda f, doc: 100 * doc["config"]["target_accuracy"],
           _target("tensorflow", "best missed"))),
    Quote("training-time", "pytorch", r"about (\S+) s for the same (\S+) epochs, (\S+) times faster; (\S+) of (\S+) recorded runs "
          r"reached (\S+)%",
          (med(TRAIN, "pytorch"), config("max_epochs"), speed(TRAIN), _target("pytorch", "reached"),
           _target("pytorch", "recorded"), lambda f, doc: 100 * doc["config"]["target_accuracy"])),
    Quote("training-time", "why", r"Time to (\S+)% is not compared", (lambda f, doc: 100 * doc["config"]["target_accuracy"],)),
    Quote("inference-latency", "tensorflow", r"slower at batch (\d+);", (lambda f, doc: 1.0,)),
    Quote("inference-latency", "pytorch", r"were (\S+) times faster than eager Keras at batch (\S+);.*export was (\S+) to (\S+) times "
          r"slower",
          (speed("Inference latency, batch 1, native eager"), lambda f, doc: 1.0, _speed_bound(ONNX, "low"),
           _speed_bound(ONNX, "high"))),
    Quote("input-pipeline-speed", "tensorflow", r"with (\S+) parallel calls it beat (\S+) `DataLoader` workers",
          (_parallel_workers, _parallel_workers)),
    Quote("startup-memory", "tensorflow", r"took about (\S+) s; .* peaked at about (\S+) MB",
          (med("Import time", "tensorflow"), med("Peak RSS of a training step", "tensorflow"))),
    Quote("startup-memory", "pytorch", r"took about (\S+) s; .* peaked at about (\S+) MB",
          (med("Import time", "pytorch"), med("Peak RSS of a training step", "pytorch"))),
)


def _repeats(group: str, framework: str) -> Value:
    def value(f: Figures, doc: dict[str, Any]) -> float:
        counts = {len(m["repeats"]) for m in doc["measurements"] if m["group"] == group and m["framework"] == framework}
        if len(counts) != 1:
            raise KeyError(f"{group} cases have different repeat counts: {sorted(counts)}")
        return float(counts.pop())
    return value


def _inference_batches(f: Figures, doc: dict[str, Any]) -> list[float]:
    return sorted({float(m["extra"]["batch"]) for m in doc["measurements"] if m["group"] == "inference"})


PAGE_QUOTES: tuple[Quote, ...] = (
    Quote("", "", r"fixed\s+batch of (\S+),", (config("batch"),)),
    Quote("", "", r"batch (\d+),\s+Adam with\s+learning rate (\S+) and epsilon ([^\s,]+),",
          (config("train_batch"), lambda f, doc: 0.001, lambda f, doc: 1e-7)),
    Quote("", "", r"at batch (\d+) and (\d+):", (lambda f, doc: _inference_batches(f, doc)[0],
                                                 lambda f, doc: _inference_batches(f, doc)[-1])),
    Quote("", "", r"serial and with (\d+) parallel", (_parallel_workers,)),
    Quote("", "", r"(\d+)×(\d+) float32", (config("matmul_size"), config("matmul_size"))),
    Quote("", "", r"Every timed case has (\d+) repeats \((\d+) in each of", (_repeats("step", "pytorch"), config("repeats"))),
    Quote("", "", r"start-up has (\d+) fresh processes", (_repeats("startup", "pytorch"),)),
    Quote("", "", r"so it has (\d+) values", (lambda f, doc: float(len(next(
        m["repeats"] for m in doc["measurements"] if m["case"] == "CNN compile time, compiled"))),)),
    Quote("", "", r"fixed and equal: (\d+) intra-op thread, (\d+) inter-op",
          (lambda f, doc: float(doc["threads"]["intra_op"]), lambda f, doc: float(doc["threads"]["inter_op"]))),
    Quote("", "", r"shared (\d+)-core virtual machine", (lambda f, doc: float(doc["machine"]["cores"]),)),
    Quote("", "", r"within (\d+)% as a tie", (lambda f, doc: 100 * TIE,)),
)
"""The method section's figures; architecture sizes (64-128-10, 3×3) are code, shown as such in ``ARCHITECTURE``."""

ARCHITECTURE = re.compile(r"MLP \(64-128-10\)|two 3×3|--threads 2")


def agrees(quoted: str, actual: float) -> bool:
    """True when ``actual`` rounded at the quote's last significant digit equals the quote.

    "0.24" is checked to two decimals, "1.0" to one, "640" to tens (trailing
    zeros of a whole number of three or more digits are not significant),
    "40" and "6" exactly (counts), "1e-7" exactly.
    """
    text = quoted.replace(",", "")
    number = Decimal(text)
    if "e" in text.lower():
        return abs(float(number) - actual) <= abs(float(number)) * 1e-9
    if "." in text:
        exponent = number.as_tuple().exponent
    else:
        exponent = len(text) - len(text.rstrip("0")) if number and len(text) >= 3 else 0
    step = Decimal(1).scaleb(exponent)
    rounded = (Decimal(repr(actual)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return rounded == number


def _check_text(where: str, text: str, quotes: list[Quote], figures: Figures, doc: dict[str, Any],
                extra_covered: list[tuple[int, int]] = ()) -> list[str]:
    problems: list[str] = []
    covered = list(extra_covered)
    for quote in quotes:
        match = re.search(quote.pattern, text, flags=re.S)
        if match is None:
            problems.append(f"{where}: the quote /{quote.pattern}/ is no longer in the text; update "
                            "sidebyside/tools/bench/quotes.py with the new wording")
            continue
        covered += [match.span(group) for group in range(1, (match.re.groups or 0) + 1)]
        covered += [match.span()] if not match.re.groups else []
        for number, value in enumerate(quote.values, start=1):
            quoted = match.group(number)
            try:
                actual = value(figures, doc)
            except KeyError as exc:
                problems.append(f"{where}: '{quoted}' cannot be checked: {exc}")
                continue
            if not NUMBER_RE.fullmatch(quoted) or not agrees(quoted, actual):
                problems.append(f"{where}: says '{quoted}' but the recorded value is {actual:.4g}; "
                                "change the text to the data (or re-run 'make bench')")
    for found in NUMBER_RE.finditer(text):
        if not any(start <= found.start() < end for start, end in covered):
            problems.append(f"{where}: the figure '{found.group()}' is not checked against the benchmark data; "
                            "add it to sidebyside/tools/bench/quotes.py or render it with @render")
    return problems


def check_comparison(table: Comparison, doc: dict[str, Any]) -> list[str]:
    """Problems with the figures typed in the comparison table's performance rows."""
    figures = Figures.of(doc)
    problems: list[str] = []
    for group in table.groups:
        if group.id != PERFORMANCE_GROUP:
            continue
        for row in group.rows:
            for field in ("criterion", "tensorflow", "pytorch", "why"):
                quotes = [q for q in QUOTES if q.row == row.id and q.field == field]
                problems += _check_text(f"{table.path}:{row.line}: row '{row.id}' {field}", getattr(row, field), quotes,
                                        figures, doc)
    return problems


def prose(markdown: str) -> str:
    """Typed prose only: no front matter, fenced code, inline code or directive lines."""
    markdown = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    markdown = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    markdown = re.sub(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", "", markdown, flags=re.S | re.M)
    markdown = re.sub(r"^[ \t]*@(render|pair)[ \t]+\S+[ \t]*$", "", markdown, flags=re.M)
    return re.sub(r"`[^`\n]+`", "`code`", markdown)


def check_page(page: str, doc: dict[str, Any]) -> list[str]:
    """Problems with the figures typed on the benchmark page (its verdict and notes are rendered)."""
    text = prose(page)
    figures = Figures.of(doc)
    problems = _check_text(str(PAGE.relative_to(ROOT)), text, list(PAGE_QUOTES), figures, doc,
                           [m.span() for m in ARCHITECTURE.finditer(text)])
    return problems


BENCH_UNIT_RE = re.compile(r"\d[\d.,]*\s*(?:ms|s|MB|GB|GiB|times|×|samples/s|GFLOP/s|%)(?!\w)")


def check_home(page: str) -> list[str]:
    """The home page quotes no benchmark figure of its own; the summary it renders comes from the table."""
    return [f"{HOME.relative_to(ROOT)}: '{m.group()}' looks like a benchmark figure typed by hand; "
            "link to the benchmarks page or render it" for m in BENCH_UNIT_RE.finditer(prose(page))]


def check_tree(root: Path = ROOT) -> list[str]:
    latest = newest(root / "data" / "bench")
    if latest is None:
        return ["data/bench: no result file"]
    doc = load_results(latest)
    return (check_comparison(load_comparison(root / "data" / "comparison.yml"), doc)
            + check_page((root / "docs" / "decide" / "benchmarks.md").read_text(encoding="utf-8"), doc)
            + check_home((root / "docs" / "index.md").read_text(encoding="utf-8")))


def main() -> int:
    problems = check_tree()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
