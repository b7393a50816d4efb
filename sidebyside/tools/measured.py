"""Run per-framework measurement workers and keep their results as data (``data/measured/<name>.json``).

Timings never go into snippet recordings: they change from run to run and
would make every re-record a diff. Instead a script measures them here, in a
fresh process per framework (so neither framework's threads or allocator
affect the other), and the page renders the committed file with its date and
machine. Used by ``cpu_knobs`` and ``quant_latency``.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.pins import normalise, pins
from sidebyside.data.samples import samples_digest
from sidebyside.errors import SiteError
from sidebyside.pairs.runner import base_env
from sidebyside.tools.bench.machine import describe
from sidebyside.tools.bench.schema import _line_of

MEASURED = ROOT / "data" / "measured"


SUMMARY = ("median", "min", "max", "n")
HOW = ("machine", "os", "python", "versions", "threads", "method")
"""How a record was taken: host, interpreter, package versions, thread settings, repeats and load."""
ROW_KEYS = ("case", "framework", "variant", "unit", "calls", "warmup", "samples", "samples_sha256", *SUMMARY)
PINNED = ("tensorflow", "keras", "torch")
"""Packages whose recorded version must be the pinned one: a record from other versions is stale."""


def summarise(values: list[float]) -> dict:
    """What tables show, derived from the repeats: a summary is never written or edited by itself."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def identity(r: dict) -> str:
    """What a row's samples time: case, framework, variant, unit, calls per sample and warm-up."""
    return "|".join(str(r[key]) for key in ("case", "framework", "variant", "unit", "calls", "warmup"))


def row(case: str, framework: str, variant: str, unit: str, values: list[float], calls: int, warmup: int) -> dict:
    """One measured case: every repeat kept under ``samples`` (each the mean of ``calls`` timed calls after
    ``warmup`` untimed ones), with their fingerprint and the summary derived from them."""
    out = {"case": case, "framework": framework, "variant": variant, "unit": unit, "calls": calls, "warmup": warmup,
           **summarise(values), "samples": list(values)}
    return {**out, "samples_sha256": samples_digest(identity(out), values)}


def emit(rows: list[dict]) -> None:
    """Workers print one JSON list on their last stdout line."""
    print(json.dumps(rows))


def run_workers(module: str, jobs: tuple[str, ...], note: str, repeats: int, timeout: int = 1800) -> dict:
    """Run ``python -m module worker <job>`` for each job (e.g. ``tensorflow:2``) and collect a result document.

    The document says how it was taken: the host, versions and threads
    (``describe``), the repeats per row, the niceness the workers ran at and
    the one-minute load average before and after, since a loaded host is
    what makes the samples spread.
    """
    load_before = os.getloadavg()[0]
    rows: list[dict] = []
    for job in jobs:
        proc = subprocess.run([sys.executable, "-m", module, "worker", job], cwd=ROOT, capture_output=True, text=True,
                              env=base_env(), timeout=timeout)
        if proc.returncode != 0:
            last = [line for line in proc.stderr.splitlines() if line.strip()][-1:] or ["no error output"]
            raise SiteError(ROOT / (module.replace(".", "/") + ".py"), None, f"worker {job} failed: {last[0]}",
                            f"run it alone to see the whole error: python -m {module} worker {job}")
        rows += json.loads(proc.stdout.strip().splitlines()[-1])
    method = {"repeats": repeats, "nice": os.nice(0), "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]}
    return {"date": date.today().isoformat(), **describe(threads=1), "method": method, "note": note, "rows": rows}


def write(name: str, doc: dict) -> Path:
    MEASURED.mkdir(parents=True, exist_ok=True)
    path = MEASURED / f"{name}.json"
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return path


def load(name: str) -> dict:
    """Read a committed result; a missing, malformed or hand-edited file names itself and the command that makes it."""
    path = MEASURED / f"{name}.json"
    remake = f"run 'make measure-{name}' and commit data/measured/{name}.json"
    try:
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
    except FileNotFoundError:
        raise SiteError(path, None, "no measured data", remake) from None
    except json.JSONDecodeError as exc:
        raise SiteError(path, exc.lineno, f"invalid JSON: {exc.msg}", remake) from None
    for key in ("date", "rows", "note", *HOW):
        if key not in doc:
            raise SiteError(path, None, f"missing '{key}' (a record says how it was taken)", remake)
    stale = version_problem(doc["versions"])
    if stale:
        raise SiteError(path, _line_of(text, '"versions"'), stale, remake)
    for r in doc["rows"]:
        if not all(k in r for k in ROW_KEYS):
            missing = ", ".join(k for k in ROW_KEYS if k not in r)
            raise SiteError(path, _line_of(text, f'"case": {json.dumps(r.get("case"))}'),
                            f"row {r.get('case')!r} is incomplete (no {missing}): every row keeps its raw samples", remake)
        problem, needle = row_problem(r, doc["method"]["repeats"])
        if problem:
            raise SiteError(path, _line_of(text, needle), f"row '{r['case']}, {r['framework']}, {r['variant']}': {problem}",
                            f"samples are measured and summaries derived from them, not edited: {remake}")
    return doc


def version_problem(versions: dict) -> str | None:
    """Which recorded framework version is not the pinned one (None when all are): times from other versions are stale."""
    pinned = {pin.name: pin.version for pin in pins()}
    for name in PINNED:
        recorded = str(versions.get(name, "not recorded")).split("+")[0]
        if recorded != pinned.get(normalise(name)):
            return f"measured with {name} {recorded}, but requirements pin {pinned.get(normalise(name))}"
    return None


def row_problem(r: dict, repeats: int) -> tuple[str | None, str]:
    """Why a row cannot be what was measured, and a text to find its line (None when it holds together).

    The samples must be the ones the tool wrote (their fingerprint), non-negative
    numbers, ``repeats`` of them (one for a one-off timing such as a first
    call), and the summary exactly what they give.
    """
    samples = r["samples"]
    if not samples or not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v >= 0
                              for v in samples):
        return "samples must be a non-empty list of non-negative numbers", f'"case": {json.dumps(r["case"])}'
    digest = samples_digest(identity(r), samples)
    if r["samples_sha256"] != digest:
        return (f"its samples are not the ones measured (samples_sha256 {r['samples_sha256']}, the samples give {digest})",
                f'"samples_sha256": {json.dumps(r["samples_sha256"])}')
    if len(samples) not in (repeats, 1):
        return f"{len(samples)} samples, but the record's method takes {repeats} repeats", f'"samples_sha256": "{digest}"'
    derived = summarise(samples)
    wrong = [key for key in SUMMARY if r[key] != derived[key]]
    if wrong:
        return (f"{wrong[0]} {r[wrong[0]]} is not what its samples give ({derived[wrong[0]]})",
                f'"{wrong[0]}": {json.dumps(r[wrong[0]])}')
    return None, ""


def fmt(value: float) -> str:
    """A measured figure as pages print it: 1,234 / 12.34 / 0.0123 (three significant digits below 1)."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def table(doc: dict) -> str:
    """Markdown: one row per case and variant, TensorFlow and PyTorch side by side, then the provenance."""
    cases: dict[tuple[str, str], dict[str, dict]] = {}
    for r in doc["rows"]:
        cases.setdefault((r["case"], r["unit"]), {})[f"{r['framework']}|{r['variant']}"] = r
    lines = ["| Case | Variant | TensorFlow median (min–max) | PyTorch median (min–max) |", "| --- | --- | --- | --- |"]
    for (case, unit), found in cases.items():
        variants = list(dict.fromkeys(k.split("|", 1)[1] for k in found))
        for variant in variants:
            cells = []
            for framework in ("tensorflow", "pytorch"):
                r = found.get(f"{framework}|{variant}")
                cells.append(f"{fmt(r['median'])} {unit} ({fmt(r['min'])}–{fmt(r['max'])}, n={r['n']})" if r else "—")
            lines.append(f"| {case} | {variant} | {cells[0]} | {cells[1]} |")
    m, v, how = doc["machine"], doc["versions"], doc["method"]
    load = " to ".join(f"{x:.1f}" for x in how["load_average"])
    lines += ["", f"Measured on {doc['date']}: {m['cpu']}, {m['cores']} cores, one-minute load average {load} while measuring; "
              f"TensorFlow {v['tensorflow']}, PyTorch {v['torch']}. {doc['note']}"]
    return "\n".join(lines)


@dataclass(frozen=True)
class Order:
    """A claim CI re-measures cheaply: one variant's row is slower than another's for the same case and framework.

    Only the order is held, never a time: a loaded or different host moves
    the ratio a lot (the committed record and a re-run on the same host can
    differ several-fold), but both must put the slower variant at least
    ``ORDER_BAND`` times the faster one.
    """

    name: str
    case: str
    framework: str
    slower: str
    faster: str


ORDER_BAND = 2.0


def recorded_ratio(doc: dict, order: Order) -> float:
    """The slower row's median over the faster row's, both derived from their samples."""
    medians = {r["variant"]: statistics.median(r["samples"]) for r in doc["rows"]
               if (r["case"], r["framework"]) == (order.case, order.framework)}
    return medians[order.slower] / medians[order.faster]


def check_order(name: str, doc: dict, order: Order, remeasured: float) -> None:
    """Raise when the record or the re-measurement does not put ``order.slower`` ``ORDER_BAND`` times above ``faster``."""
    recorded = recorded_ratio(doc, order)
    if recorded >= ORDER_BAND and remeasured >= ORDER_BAND:
        return
    path = MEASURED / f"{name}.json"
    slower = next(r for r in doc["rows"] if (r["case"], r["framework"], r["variant"]) == (order.case, order.framework, order.slower))
    raise SiteError(path, _line_of(path.read_text(encoding="utf-8"), f'"samples_sha256": "{slower["samples_sha256"]}"'),
                    f"{order.name}: row '{order.case}, {order.framework}, {order.slower}' takes {recorded:.3g} times "
                    f"the '{order.faster}' row in the record and {remeasured:.3g} times re-measured here; "
                    f"both must be at least {ORDER_BAND:g}",
                    f"re-measure with 'make measure-{name}' on a quiet host and, if the order really changed, "
                    "change the page that states it")


RECORDS = ("quantization-latency", "cpu-knobs")


def check() -> str:
    """For ``check``: load every measured record (each refuses a hand edit), or name the first that does not hold."""
    rows = sum(len(load(name)["rows"]) for name in RECORDS)
    return f"measured records: {rows} rows in {len(RECORDS)} files derive from their fingerprinted samples"
