"""Run per-framework measurement workers and keep their results as data (``data/measured/<name>.json``).

Timings never go into snippet recordings: they change from run to run and
would make every re-record a diff. Instead a script measures them here, in a
fresh process per framework (so neither framework's threads or allocator
affect the other), and the page renders the committed file with its date and
machine. Used by ``cpu_knobs`` and ``quant_latency``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.pairs.runner import base_env
from sidebyside.tools.bench.machine import describe
from sidebyside.tools.bench.schema import _line_of

MEASURED = ROOT / "data" / "measured"


SUMMARY = ("median", "min", "max", "n")


def summarise(values: list[float]) -> dict:
    """What tables show, derived from the repeats: a summary is never written or edited by itself."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def row(case: str, framework: str, variant: str, unit: str, values: list[float]) -> dict:
    """One measured case: every repeat kept under ``samples``, with the summary derived from them."""
    return {"case": case, "framework": framework, "variant": variant, "unit": unit,
            **summarise(values), "samples": list(values)}


def emit(rows: list[dict]) -> None:
    """Workers print one JSON list on their last stdout line."""
    print(json.dumps(rows))


def run_workers(module: str, jobs: tuple[str, ...], note: str, timeout: int = 1800) -> dict:
    """Run ``python -m module worker <job>`` for each job (e.g. ``tensorflow:2``) and collect a result document."""
    rows: list[dict] = []
    for job in jobs:
        proc = subprocess.run([sys.executable, "-m", module, "worker", job], cwd=ROOT, capture_output=True, text=True,
                              env=base_env(), timeout=timeout)
        if proc.returncode != 0:
            last = [line for line in proc.stderr.splitlines() if line.strip()][-1:] or ["no error output"]
            raise SiteError(ROOT / (module.replace(".", "/") + ".py"), None, f"worker {job} failed: {last[0]}",
                            f"run it alone to see the whole error: python -m {module} worker {job}")
        rows += json.loads(proc.stdout.strip().splitlines()[-1])
    return {"date": date.today().isoformat(), **describe(threads=1), "note": note, "rows": rows}


def write(name: str, doc: dict) -> Path:
    MEASURED.mkdir(parents=True, exist_ok=True)
    path = MEASURED / f"{name}.json"
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return path


def load(name: str) -> dict:
    """Read a committed result; a missing or malformed file names itself and the command that makes it."""
    path = MEASURED / f"{name}.json"
    remake = f"run 'make measure-{name}' and commit data/measured/{name}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteError(path, None, "no measured data", remake) from None
    except json.JSONDecodeError as exc:
        raise SiteError(path, exc.lineno, f"invalid JSON: {exc.msg}", remake) from None
    for key in ("date", "machine", "rows", "note"):
        if key not in doc:
            raise SiteError(path, None, f"missing '{key}'", remake)
    for r in doc["rows"]:
        if not all(k in r for k in ("case", "framework", "variant", "unit", *SUMMARY)):
            raise SiteError(path, None, f"row {r.get('case')!r} is incomplete", remake)
        problem = summary_problem(r)
        if problem:
            line = _line_of(path.read_text(encoding="utf-8"), f'"median": {json.dumps(r["median"])}')
            raise SiteError(path, line, f"row '{r['case']}, {r['framework']}, {r['variant']}': {problem}",
                            f"summaries are derived from the samples, not edited: {remake}")
    return doc


def summary_problem(r: dict) -> str | None:
    """Why a row's summary cannot be what was measured (None when it holds together).

    With ``samples`` the summary must be exactly what they give; an older row
    without them must at least be ordered (min <= median <= max), with a
    whole number of repeats that can give its spread.
    """
    if "samples" in r:
        derived = summarise(r["samples"])
        wrong = [key for key in SUMMARY if r[key] != derived[key]]
        return (f"{wrong[0]} {r[wrong[0]]} is not what its samples give ({derived[wrong[0]]})" if wrong else None)
    if not r["min"] <= r["median"] <= r["max"]:
        return f"median {r['median']} is outside its min–max ({r['min']}–{r['max']})"
    if not isinstance(r["n"], int) or r["n"] < 1 or (r["n"] == 1 and r["min"] != r["max"]):
        return f"n = {r['n']} cannot give min {r['min']} and max {r['max']}"
    return None


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
    m, v = doc["machine"], doc["versions"]
    lines += ["", f"Measured on {doc['date']}: {m['cpu']}, {m['cores']} cores; TensorFlow {v['tensorflow']}, PyTorch {v['torch']}. "
              f"{doc['note']}"]
    return "\n".join(lines)
