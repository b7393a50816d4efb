"""Drive the conversion matrix: every (path, family) cell in its own process, with a timeout.

    python -m sidebyside.tools.conversions.run                  # full matrix -> data/conversions/matrix.json
    python -m sidebyside.tools.conversions.run --paths mlp ...  # a subset, printed, record untouched
    python -m sidebyside.tools.conversions.run --compare data/conversions/matrix.json --report changes.md

``--compare`` re-runs cells and reports those whose status changed, or whose
difference moved by more than the tolerance, against a record: ``make test``
uses it on a subset with the pinned versions, the weekly canary on the full
matrix with the newest releases.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.tools.conversions.families import FAMILIES
from sidebyside.tools.conversions.paths import all_paths
from sidebyside.tools.conversions.schema import MARKER, RECORD, TOLERANCE, check, load

CONVERT_PYTHON = ROOT / ".venv-convert" / "bin" / "python"
ENV_PACKAGES = ("tensorflow-cpu", "keras", "torch", "numpy")


def interpreters(convert_python: Path) -> dict[str, str]:
    return {"test": sys.executable, "convert": str(convert_python)}


def cell_env(backend: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(ROOT), CUDA_VISIBLE_DEVICES="", TF_CPP_MIN_LOG_LEVEL="3", KERAS_BACKEND=backend,
               OMP_NUM_THREADS="1", PYTHONHASHSEED="0", TF_ENABLE_ONEDNN_OPTS="0")
    return env


class Server:
    """A ``cell --serve`` process for one environment and Keras backend; restarted if it dies."""

    def __init__(self, python: str, backend: str) -> None:
        self.python, self.backend, self.proc = python, backend, None

    def _start(self) -> None:
        self.proc = subprocess.Popen([self.python, "-m", "sidebyside.tools.conversions.cell", "--serve"], cwd=ROOT,
                                     env=cell_env(self.backend), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        if self._reply() is None:
            raise OSError(f"{self.python} could not start the cell server")

    def _reply(self) -> dict | None:
        for line in self.proc.stdout:
            if line.startswith(MARKER):
                return json.loads(line[len(MARKER):])
        return None

    def run(self, path_id: str, family_id: str, timeout: float) -> dict:
        started = time.perf_counter()
        try:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            self.proc.stdin.write(json.dumps({"path": path_id, "family": family_id, "timeout": timeout}) + "\n")
            self.proc.stdin.flush()
            reply = self._reply()
        except OSError as error:
            reply, problem = None, str(error)
        else:
            problem = "the cell server died"
        if reply is None:
            self.close()
            return failure(path_id, family_id, "crash", problem, time.perf_counter() - started)
        return reply

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.stdin:
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None


def failure(path_id: str, family_id: str, status: str, error: str, seconds: float) -> dict:
    return {"path": path_id, "family": family_id, "status": status, "max_abs_diff": None, "error": error,
            "seconds": round(seconds, 2), "versions": {p: "unknown" for p in all_paths()[path_id].PACKAGES}}


def env_versions(python: str) -> dict[str, str]:
    """Framework versions of an environment, read by its own interpreter (no framework import)."""
    code = ("import json; from importlib import metadata as m\n"
            "def v(n):\n    try: return m.version(n)\n    except m.PackageNotFoundError: return 'not installed'\n"
            f"print(json.dumps({{n: v(n) for n in {ENV_PACKAGES!r}}}))")
    try:
        done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=120)
        return json.loads(done.stdout)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return {n: "unavailable" for n in ENV_PACKAGES}


def path_entry(module) -> dict:
    """A row's description in the record, so the page needs no framework (or NumPy) import."""
    entry = {"id": module.ID, "title": module.TITLE, "how": module.HOW, "env": module.ENV}
    if module.ENV == "convert":
        entry["why_separate"] = module.WHY_SEPARATE
    return entry


def run_matrix(path_ids: list[str], family_ids: list[str], convert_python: Path, timeout: float, jobs: int,
               progress=print) -> dict:
    paths, pythons = all_paths(), interpreters(convert_python)
    started = time.perf_counter()
    # one queue of cells per (environment, backend); each job slot runs its own warm server
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for p in path_ids:
        key = (paths[p].ENV, getattr(paths[p], "BACKEND", "tensorflow"))
        groups.setdefault(key, []).extend((p, f) for f in family_ids)
    lanes = [(key, cells[i::jobs]) for key, cells in groups.items() for i in range(min(jobs, len(cells)))]
    done: dict[tuple[str, str], dict] = {}

    def lane(item):
        (env, backend), cells = item
        server = Server(pythons[env], backend)
        try:
            for cell in cells:
                result = server.run(*cell, timeout)
                done[cell] = result
                progress(f"{cell[0]:26s} {cell[1]:12s} {result['status']:8s} {result['seconds']:7.1f}s  "
                         f"{result['error'] or ''}"[:200])
        finally:
            server.close()

    # the separate environment's lanes last: it may still be building when a long run starts
    lanes.sort(key=lambda item: item[0][0] == "convert")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lane, lanes))
    results = [done[(p, f)] for p in path_ids for f in family_ids]
    used_envs = {paths[p].ENV for p in path_ids}
    return {
        "schema": 1, "date": date.today().isoformat(), "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}", "tolerance": TOLERANCE,
        "seconds": round(time.perf_counter() - started, 1),
        "envs": {env: env_versions(pythons[env]) for env in sorted(used_envs)},
        "paths": [path_entry(paths[p]) for p in path_ids],
        "families": [{"id": f, "title": FAMILIES[f].title} for f in family_ids],
        "cells": results,
    }


def merge(record: dict, now: dict) -> dict:
    """A record with ``now``'s cells replacing its own; rows and columns stay in the code's order."""
    paths = all_paths()
    cells = {(c["path"], c["family"]): c for c in record["cells"]}
    cells.update({(c["path"], c["family"]): c for c in now["cells"]})
    path_ids = [p for p in paths if any(k[0] == p for k in cells)]
    family_ids = [f for f in FAMILIES if any(k[1] == f for k in cells)]
    return {**record, "date": now["date"], "seconds": round(record["seconds"] + now["seconds"], 1),
            "envs": {**record["envs"], **now["envs"]},
            "paths": [path_entry(paths[p]) for p in path_ids],
            "families": [{"id": f, "title": FAMILIES[f].title} for f in family_ids],
            "cells": [cells[(p, f)] for p in path_ids for f in family_ids if (p, f) in cells]}


def changes(record: dict, now: dict) -> list[str]:
    """Cells whose status changed, or whose difference moved by more than the tolerance."""
    before = {(c["path"], c["family"]): c for c in record["cells"]}
    found = []
    for cell in now["cells"]:
        old = before.get((cell["path"], cell["family"]))
        name = f"{cell['path']} / {cell['family']}"
        if old is None:
            found.append(f"{name}: not in the record")
        elif old["status"] != cell["status"]:
            found.append(f"{name}: {old['status']} -> {cell['status']} ({cell['error'] or 'no error'})")
        elif (old["max_abs_diff"] is None) != (cell["max_abs_diff"] is None) or (
                old["max_abs_diff"] is not None and abs(old["max_abs_diff"] - cell["max_abs_diff"]) > TOLERANCE):
            found.append(f"{name}: difference {old['max_abs_diff']} -> {cell['max_abs_diff']}")
    return found


def report(record: dict, now: dict, found: list[str]) -> str:
    lines = ["# Conversion matrix re-run", "", f"{len(now['cells'])} cells re-run in {now['seconds']} s; "
             f"{sum(c['status'] == 'pass' for c in now['cells'])} pass; {len(found)} changed against the record "
             f"of {record['date']}.", ""]
    lines += [f"- {line}" for line in found] or ["Nothing changed."]
    versions = {k: v for cell in now["cells"] for k, v in cell["versions"].items()}
    lines += ["", "Versions: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items()))]
    return "\n".join(lines) + "\n"


def _ids(text: str | None, known: dict) -> list[str]:
    if not text:
        return list(known)
    ids = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise SystemExit(f"unknown: {', '.join(unknown)}; known: {', '.join(known)}")
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.conversions.run", description=__doc__.split("\n")[0])
    parser.add_argument("--paths", help="comma-separated path ids (default: all)")
    parser.add_argument("--families", help="comma-separated family ids (default: all)")
    parser.add_argument("--timeout", type=float, default=420, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--convert-python", type=Path, default=CONVERT_PYTHON, help="interpreter of the converter env")
    parser.add_argument("--out", type=Path, help=f"write the record here (default for a full run: {RECORD.relative_to(ROOT)})")
    parser.add_argument("--update", type=Path, help="replace these cells in an existing record (partial re-run)")
    parser.add_argument("--compare", type=Path, help="report cells that changed against this record")
    parser.add_argument("--report", type=Path, help="with --compare: write the Markdown report here")
    args = parser.parse_args(argv)
    path_ids, family_ids = _ids(args.paths, all_paths()), _ids(args.families, FAMILIES)
    full = not (args.paths or args.families)
    now = run_matrix(path_ids, family_ids, args.convert_python, args.timeout, args.jobs,
                     progress=lambda line: print(line, file=sys.stderr, flush=True))
    out = args.out or (RECORD if full and not args.compare else None)
    if args.update:
        now, out = merge(json.loads(args.update.read_text(encoding="utf-8")), now), args.update
    if out:
        check(now, out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(now, indent=1) + "\n", encoding="utf-8")
    passed = sum(c["status"] == "pass" for c in now["cells"])
    print(f"{passed}/{len(now['cells'])} cells pass, {now['seconds']} s" + (f"; written to {out}" if out else ""))
    if args.compare:
        record = load(args.compare)
        found = changes(record, now)
        text = report(record, now, found)
        if args.report:
            args.report.write_text(text, encoding="utf-8")
        if os.environ.get("GITHUB_STEP_SUMMARY"):
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
                handle.write(text)
        print(text)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
