"""Canary: re-run every snippet with whatever frameworks are installed and report drift.

The weekly canary workflow installs the newest TensorFlow and PyTorch into
a fresh venv and runs this. It never writes to snippets/: recorded outputs
stay what the pinned versions printed. It reports, as Markdown (for the
job summary) and as files (for the artifact):

- which halves now print something different from their recording (with a diff),
- which halves fail to run at all,
- which pairs no longer agree under the parity rules (``sidebyside.pairs.parity``).

With ``--record DIR`` it also writes ``DIR/<date>.json`` (versions installed,
and every pair classed identical, changed or failing), which the home page's
tested-versions table reads (``make canary`` does this in ``.venv-canary``).

    python -m sidebyside.tools.canary [--report FILE] [--outdir DIR] [--jobs N] [--record DIR]
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.canary import seal
from sidebyside.errors import SiteError
from sidebyside.pairs import parity
from sidebyside.pairs.catalog import SNIPPETS, Half, Pair, discover
from sidebyside.pairs.runner import framework_version, read_recording, run


@dataclass
class Outcome:
    """One half re-run under the installed frameworks."""

    half: Half
    recorded_version: str
    recorded: str
    output: str | None = None
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.output is not None and self.output != self.recorded

    def diff(self) -> str:
        name = self.half.out_path.relative_to(ROOT).as_posix() if self.half.out_path.is_relative_to(ROOT) else self.half.out_path.name
        return "".join(difflib.unified_diff(
            self.recorded.splitlines(keepends=True), (self.output or "").splitlines(keepends=True),
            fromfile=f"{name} (recorded)", tofile=f"{name} (now)",
        ))


def rerun(half: Half) -> Outcome:
    """Run one half; a failure is recorded in the outcome, not raised."""
    version, body = read_recording(half)
    outcome = Outcome(half, version, body)
    try:
        outcome.output = run(half).output
    except SiteError as error:
        outcome.error = error.message
    return outcome


def broken_parity(pairs: dict[str, Pair], outcomes: dict[Path, Outcome]) -> list[str]:
    """Pairs whose two halves both ran but no longer agree under the suite's parity rules."""
    broken = []
    for pair in pairs.values():
        tf, pt = (outcomes[pair.halves[f].path] for f in ("tensorflow", "pytorch"))
        if tf.output is None or pt.output is None:
            continue
        try:
            problems = parity.compare(pair, tf.output, pt.output, digits=False)
        except SiteError:
            problems = ["a '# same:' pattern no longer selects a line"]
        if problems:
            broken.append(pair.key)
    return broken


VERSIONED = ("tensorflow-cpu", "tensorflow", "torch", "keras", "jax")
"""Distributions whose installed versions a canary record names (absent ones are skipped)."""


def installed_versions() -> dict[str, str]:
    """Versions of the frameworks in this interpreter, read from package metadata."""
    found = {}
    for dist in VERSIONED:
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return found


def classify(pairs: dict[str, Pair], outcomes: dict[Path, Outcome]) -> dict[str, list[str]]:
    """Each pair is failing (a half did not run), changed (a half prints something new) or identical."""
    classes: dict[str, list[str]] = {"identical": [], "changed": [], "failing": []}
    for key in sorted(pairs):
        halves = [outcomes[h.path] for h in pairs[key].halves.values()]
        if any(o.error for o in halves):
            classes["failing"].append(key)
        elif any(o.changed for o in halves):
            classes["changed"].append(key)
        else:
            classes["identical"].append(key)
    return classes


def first_change(recorded: str, now: str) -> list[str]:
    """The first line a re-run prints differently, as ``[recorded, now]``: enough for a reader to see what moved."""
    before, after = recorded.splitlines(), now.splitlines()
    for old, new in zip(before, after, strict=False):  # the longer one is handled below
        if old != new:
            return [old, new]
    if len(before) > len(after):
        return [before[len(after)], "(no line)"]
    return ["(no line)", after[len(before)]]


def portable(message: str, root: Path = ROOT) -> str:
    """A failure message with this machine's paths taken out, so the committed record holds no build-machine path.

    The runner's messages name the snippet by absolute path and suggest the
    interpreter that ran it; the record keeps them relative to the
    repository and calls the interpreter ``python``.
    """
    message = message.replace(sys.executable, "python")
    for prefix in {str(root) + os.sep, str(root.resolve()) + os.sep}:
        message = message.replace(prefix, "")
    return message


def record(outcomes: list[Outcome], pairs: dict[str, Pair], parity: list[str], day: datetime.date) -> dict:
    """The canary result as data: what ran, with which versions, and what happened to each pair."""
    by_path = {o.half.path: o for o in outcomes}
    recorded: dict[str, list[str]] = {}
    for o in outcomes:
        recorded.setdefault(o.half.label, [])
        if o.recorded_version not in recorded[o.half.label]:
            recorded[o.half.label].append(o.recorded_version)
    return {
        "date": day.isoformat(),
        "installed": installed_versions(),
        "recorded_with": {label: sorted(versions) for label, versions in sorted(recorded.items())},
        "halves": len(outcomes),
        "pairs": classify(pairs, by_path),
        "parity_broken": sorted(parity),
        "failures": {o.half.file_key: portable(o.error) for o in outcomes if o.error},
        "changes": {o.half.file_key: first_change(o.recorded, o.output or "") for o in outcomes if o.changed},
        "outputs": {o.half.file_key: {"recorded": seal("recorded", o.half.file_key, o.recorded),
                                       "now": None if o.output is None else seal("now", o.half.file_key, o.output)}
                    for o in outcomes},
    }


def markdown_report(outcomes: list[Outcome], parity: list[str], versions: dict[str, str]) -> str:
    """The job summary: versions, then only what needs a person's attention."""
    recorded = {o.half.label: o.recorded_version for o in outcomes}
    lines = ["# Snippet canary", "", "| Framework | Recorded with | Now installed |", "| --- | --- | --- |"]
    for framework, label in (("tensorflow", "TensorFlow"), ("pytorch", "PyTorch")):
        lines.append(f"| {label} | {recorded.get(label, '-')} | {versions.get(framework, 'not installed')} |")
    changed = [o for o in outcomes if o.changed]
    failed = [o for o in outcomes if o.error]
    lines += ["", f"{len(outcomes)} snippets re-run: {len(changed)} changed output, {len(failed)} failed, "
              f"{len(parity)} parity pairs broken."]
    if failed:
        lines += ["", "## Failed to run", ""]
        lines += [f"- `{o.half.path.name}`: {o.error}" for o in failed]
    if parity:
        lines += ["", "## Parity broken (TensorFlow and PyTorch outputs now differ)", ""]
        lines += [f"- `{key}`" for key in parity]
    if changed:
        lines += ["", "## Changed output", ""]
        for o in changed:
            lines += [f"<details><summary><code>{o.half.path.name}</code></summary>", "", "```diff", o.diff().rstrip("\n"), "```",
                      "", "</details>"]
    if not (changed or failed or parity):
        lines += ["", "Nothing changed: every recording still matches."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.canary", description=__doc__.split("\n")[0])
    parser.add_argument("--report", type=Path, default=Path("canary-report.md"))
    parser.add_argument("--outdir", type=Path, default=Path("canary-outputs"), help="new outputs of changed halves")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--record", type=Path, help="write the result as DIR/<date>.json (data/canary in the repository)")
    parser.add_argument("--root", type=Path, default=SNIPPETS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    pairs = discover(args.root)
    halves = [h for pair in pairs.values() for h in pair.halves.values()]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(rerun, halves))
    versions = {}
    for framework in ("tensorflow", "pytorch"):
        try:
            versions[framework] = framework_version(framework)
        except SiteError:
            pass
    parity = broken_parity(pairs, {o.half.path: o for o in outcomes})
    text = markdown_report(outcomes, parity, versions)
    args.report.write_text(text, encoding="utf-8")
    for o in outcomes:
        if o.changed:
            target = args.outdir / o.half.out_path.relative_to(args.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(o.output or "", encoding="utf-8")
    if args.record:
        data = record(outcomes, pairs, parity, datetime.date.today())
        args.record.mkdir(parents=True, exist_ok=True)
        target = args.record / f"{data['date']}.json"
        target.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    print(text)
    return 1 if any(o.changed or o.error for o in outcomes) or parity else 0


if __name__ == "__main__":
    raise SystemExit(main())
