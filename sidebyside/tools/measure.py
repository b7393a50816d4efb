"""Report the project's own speed and size figures (the budgets in ARCHITECTURE.md).

    python -m sidebyside.tools.measure [--topic execution-model]
    python -m sidebyside.tools.measure --tests [--runs 3] [--load] [--fresh] [--pytest-args "..."]

Without ``--tests``: strict build time (median of 3), the heaviest pages'
gzipped first-load weight and one topic's snippet run time (both halves of
every pair, 2 at a time, as ``make record`` does).

With ``--tests``: the test suite's figures instead, for ``make test`` as a
whole (lint, ``check``, pytest and the Lighthouse audit), since that is what
contributors and CI wait for. Machines differ by 2x from day to day, so the
budget is a ratio: the wall time divided by the time of one ``import
tensorflow`` in a fresh interpreter on the same machine, measured right
before the run (``import torch`` is reported beside it). The pytest part is
reported on its own, then the 15 slowest tests, read from the run's JUnit
XML (pytest's ``--durations`` also lists fixture set-ups). ``--runs N``
repeats the suite; ``--load`` keeps one CPU-bound process running beside
the last run; ``--fresh`` runs every snippet in a fresh process
(``SIDEBYSIDE_FRESH=1``) instead of forking a preloaded interpreter.

Figures are reported, never asserted: a timed assertion would fail on a
busy machine and pass on a fast one.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.forkserver import FORCE_FRESH, fresh_only
from sidebyside.pairs.runner import base_env, run

SUITE_BUDGET = 80
"""Warm ``make test`` must finish within this many ``import tensorflow`` times (issue: a suite that stays fast)."""

SLOWEST = 15


def build_seconds(repeats: int = 3) -> tuple[float, Path]:
    out = Path(tempfile.mkdtemp(prefix="measure-site-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def topic_seconds(topic: str) -> tuple[float, int]:
    halves = [h for p in discover().values() if p.topic == topic for h in p.halves.values()]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, halves))
    return time.perf_counter() - start, len(halves)


def import_seconds(module: str) -> float:
    """Wall time of ``python -c 'import <module>'`` in a fresh interpreter, with the snippets' environment."""
    env = base_env()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start


@dataclass(frozen=True)
class Timed:
    """One test (set-up + call + tear-down, as JUnit XML reports it) and its seconds."""

    name: str
    seconds: float


def slowest(junit: Path, count: int = SLOWEST) -> list[Timed]:
    """The ``count`` slowest test cases recorded in a JUnit XML report."""
    cases = [
        Timed(f"{case.get('classname', '')}::{case.get('name', '')}", float(case.get("time", 0)))
        for case in ET.parse(junit).getroot().iter("testcase")  # noqa: S314 - the report our own pytest run just wrote
    ]
    return sorted(cases, key=lambda c: -c.seconds)[:count]


def fresh_only_counts() -> tuple[int, dict[str, int]]:
    """How many snippet halves there are, and how many run fresh for each reason."""
    reasons: dict[str, int] = {}
    halves = [h for p in discover().values() for h in p.halves.values()]
    for half in halves:
        why = fresh_only(half.path)
        if why:
            reasons[why] = reasons.get(why, 0) + 1
    return len(halves), reasons


def burn_cpu() -> subprocess.Popen[bytes]:
    """One CPU-bound process, to run the suite beside extra load; the caller stops it by its pid."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"], stdin=subprocess.DEVNULL)


def time_suite(pytest_args: list[str], junit: Path, env: dict[str, str]) -> tuple[float, int]:
    """Run ``make test`` once; (wall seconds, exit status). Its own output (with ``--durations``) streams through."""
    extra = ["-p", "no:cacheprovider", f"--junitxml={junit}", f"--durations={SLOWEST}", *pytest_args]
    command = ["make", "--no-print-directory", "test", f"PYTEST_ARGS={shlex.join(extra)}"]
    print("$", shlex.join(command), flush=True)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, env=env, check=False)
    return time.perf_counter() - start, proc.returncode


def pytest_seconds(junit: Path) -> float | None:
    """The pytest part of a run, as its JUnit XML records it (None when pytest did not get that far)."""
    if not junit.exists():
        return None
    return sum(float(suite.get("time", 0)) for suite in ET.parse(junit).getroot().iter("testsuite"))  # noqa: S314


def measure_tests(args: argparse.Namespace) -> int:
    env = {**os.environ, "CI": os.environ.get("CI", "true")}  # CI=true: no local verified-run cache
    if args.fresh:
        env[FORCE_FRESH] = "1"
    tf_import, torch_import = import_seconds("tensorflow"), import_seconds("torch")
    total, reasons = fresh_only_counts()
    results = []
    for number in range(1, args.runs + 1):
        load = burn_cpu() if args.load and number == args.runs else None
        junit = Path(tempfile.mkdtemp(prefix="measure-junit-")) / "junit.xml"
        try:
            wall, status = time_suite(shlex.split(args.pytest_args), junit, env)
        finally:
            if load is not None:
                load.kill()
                load.wait()
        results.append((number, wall, status, load is not None, junit))
    print()
    print(f"import tensorflow: {tf_import:.1f} s | import torch: {torch_import:.1f} s (fresh interpreters, just before the runs)")
    forked = "every snippet fresh (SIDEBYSIDE_FRESH=1)" if args.fresh else \
        f"{total - sum(reasons.values())} of {total} snippet halves forked from a preloaded interpreter"
    print(f"snippets: {forked}")
    for why, count in sorted(reasons.items()):
        if not args.fresh:
            print(f"  fresh-only: {count:3d}  {why}")
    for number, wall, status, loaded, junit in results:
        verdict = "within" if wall <= SUITE_BUDGET * tf_import else "OVER"
        part = pytest_seconds(junit)
        pytest_part = f" (pytest {part:.0f} s = {part / tf_import:.1f} x)" if part is not None else ""
        print(f"run {number}{' (with one CPU-bound process beside it)' if loaded else ''}: make test {wall:.0f} s, exit {status}; "
              f"{wall / tf_import:.1f} x import tensorflow ({verdict} the budget of {SUITE_BUDGET}){pytest_part}")
    last = results[-1][4]
    if last.exists():
        print(f"{SLOWEST} slowest tests of the last run (set-up + call + tear-down):")
        for case in slowest(last):
            print(f"  {case.seconds:7.1f} s  {case.name}")
    return max(status for _, _, status, _, _ in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", default="execution-model")
    parser.add_argument("--tests", action="store_true", help="time 'make test' instead (minutes)")
    parser.add_argument("--runs", type=int, default=1, help="with --tests: run the suite this many times in a row")
    parser.add_argument("--load", action="store_true", help="with --tests: one CPU-bound process beside the last run")
    parser.add_argument("--fresh", action="store_true", help=f"with --tests: {FORCE_FRESH}=1, every snippet in a fresh process")
    parser.add_argument("--pytest-args", default="", help="with --tests: more arguments for pytest (e.g. '-k snippets')")
    args = parser.parse_args(argv)
    if args.tests:
        return measure_tests(args)
    from sidebyside.site.sitebuild import site_prefix
    from sidebyside.tools.pageweight import site_weights

    seconds, site = build_seconds()
    print(f"mkdocs build --strict: {seconds:.2f} s (median of 3)")
    weights = sorted(site_weights(site, site_prefix()), key=lambda w: w.total, reverse=True)
    print(f"pages: {len(weights)}; heaviest first load (gzipped):")
    for w in weights[:5]:
        print(f"  {w.total / 1000:7.1f} KB  {w.page}")
    taken, count = topic_seconds(args.topic)
    print(f"snippets of topic '{args.topic}': {count} scripts in {taken:.1f} s (2 at a time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
