"""Report the project's own speed and size figures (DESIGN.md budgets).

    python -m sidebyside.tools.measure [--topic execution-model] [--tests]

Prints: strict build time (median of 3), the heaviest pages' gzipped
first-load weight, one topic's snippet run time (both halves of every pair,
2 at a time, as ``make record`` does) and, with ``--tests``, the wall time of
the whole pytest suite. Figures are reported, never asserted: a timed
assertion would fail on a busy machine and pass on a fast one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sidebyside import ROOT
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.runner import run
from sidebyside.site.sitebuild import site_prefix
from sidebyside.tools.pageweight import site_weights


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", default="execution-model")
    parser.add_argument("--tests", action="store_true", help="also time the whole pytest suite (minutes)")
    args = parser.parse_args(argv)
    seconds, site = build_seconds()
    print(f"mkdocs build --strict: {seconds:.2f} s (median of 3)")
    weights = sorted(site_weights(site, site_prefix()), key=lambda w: w.total, reverse=True)
    print(f"pages: {len(weights)}; heaviest first load (gzipped):")
    for w in weights[:5]:
        print(f"  {w.total / 1000:7.1f} KB  {w.page}")
    taken, count = topic_seconds(args.topic)
    print(f"snippets of topic '{args.topic}': {count} scripts in {taken:.1f} s (2 at a time)")
    if args.tests:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-n", "auto", "-q", "-p", "no:cacheprovider"], cwd=ROOT)
        print(f"pytest -n auto: {time.perf_counter() - start:.0f} s (exit {proc.returncode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
