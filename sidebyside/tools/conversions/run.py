"""Drive the conversion matrix: every (path, family) cell in its own process, with a timeout.

    python -m sidebyside.tools.conversions.run                          # full matrix -> data/conversions/matrix.json
    python -m sidebyside.tools.conversions.run --families mlp --paths onnx2tf   # a subset, printed, record untouched
    python -m sidebyside.tools.conversions.run --update                 # only the cells the record lacks, merged in
    python -m sidebyside.tools.conversions.run --update --families augment   # re-run one column, merged in
    python -m sidebyside.tools.conversions.run --compare data/conversions/matrix.json --report changes.md

``--update [RECORD]`` runs the cells named by ``--paths``/``--families``
plus every cell of the code's grid that the record lacks (a new family or
path), merges them into the record, and drops rows and columns the code no
longer has. Each finished cell is appended to a journal under ``build/``
first, so an error or an interruption loses nothing: the same command
resumes from it. ``--compare`` re-runs cells and reports those whose status
changed, or whose difference moved by more than the tolerance, against a
record: the weekly canary uses it on the full matrix with the newest
releases. Bad input or a failed check is one error line, not a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, display_path
from sidebyside.pairs.runner import base_env
from sidebyside.tools.conversions.families import FAMILIES
from sidebyside.tools.conversions.paths import all_paths
from sidebyside.tools.conversions.schema import MARKER, RECORD, TOLERANCE, check, load, same_difference

CONVERT_PYTHON = ROOT / ".venv-convert" / "bin" / "python"
JOURNALS = ROOT / "build" / "conversions"
Cell = tuple[str, str]
ENV_PACKAGES = ("tensorflow-cpu", "keras", "torch", "numpy")


def interpreters(convert_python: Path) -> dict[str, str]:
    return {"test": sys.executable, "convert": str(convert_python)}


def cell_env(backend: str) -> dict[str, str]:
    return base_env(PYTHONPATH=str(ROOT), KERAS_BACKEND=backend)


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
    return {"path": path_id, "family": family_id, "status": status, "max_abs_diff": None, "largest": [], "error": error,
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


def run_cells(cells: list[Cell], convert_python: Path, timeout: float, jobs: int, progress=print,
              on_result: Callable[[dict], None] | None = None) -> dict[Cell, dict]:
    """Run cells, one warm server per (environment, backend) and job slot; ``on_result`` sees each as it ends."""
    paths, pythons = all_paths(), interpreters(convert_python)
    groups: dict[tuple[str, str], list[Cell]] = {}
    for p, f in cells:
        groups.setdefault((paths[p].ENV, getattr(paths[p], "BACKEND", "tensorflow")), []).append((p, f))
    lanes = [(key, group[i::jobs]) for key, group in groups.items() for i in range(min(jobs, len(group)))]
    done: dict[Cell, dict] = {}

    def lane(item):
        (env, backend), queue = item
        server = Server(pythons[env], backend)
        try:
            for cell in queue:
                result = server.run(*cell, timeout)
                done[cell] = result
                if on_result:
                    on_result(result)
                progress(f"{cell[0]:26s} {cell[1]:12s} {result['status']:8s} {result['seconds']:7.1f}s  "
                         f"{result['error'] or ''}"[:200])
        finally:
            server.close()

    # the separate environment's lanes last: it may still be building when a long run starts
    lanes.sort(key=lambda item: item[0][0] == "convert")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lane, lanes))
    return done


def document(results: list[dict], seconds: float, convert_python: Path) -> dict:
    """A record of these results: rows and columns are the ids they cover, in the code's order."""
    paths, pythons = all_paths(), interpreters(convert_python)
    path_ids = [p for p in paths if any(c["path"] == p for c in results)]
    family_ids = [f for f in FAMILIES if any(c["family"] == f for c in results)]
    order = {(p, f): i for i, (p, f) in enumerate((p, f) for p in path_ids for f in family_ids)}
    return {
        "schema": 1, "date": date.today().isoformat(), "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}", "tolerance": TOLERANCE,
        "seconds": round(seconds, 1),
        "envs": {env: env_versions(pythons[env]) for env in sorted({paths[p].ENV for p in path_ids})},
        "paths": [path_entry(paths[p]) for p in path_ids],
        "families": [{"id": f, "title": FAMILIES[f].title} for f in family_ids],
        "cells": sorted(results, key=lambda c: order[(c["path"], c["family"])]),
    }


def run_matrix(path_ids: list[str], family_ids: list[str], convert_python: Path, timeout: float, jobs: int,
               progress=print) -> dict:
    """Every cell of ``path_ids`` x ``family_ids``, as a record."""
    started = time.perf_counter()
    done = run_cells([(p, f) for p in path_ids for f in family_ids], convert_python, timeout, jobs, progress)
    return document(list(done.values()), time.perf_counter() - started, convert_python)


def missing_cells(record: dict) -> list[Cell]:
    """Cells of the code's grid (every path x every family) that the record does not hold."""
    have = {(c["path"], c["family"]) for c in record["cells"]}
    return [(p, f) for p in all_paths() for f in FAMILIES if (p, f) not in have]


def journal_for(record_path: Path) -> Path:
    return JOURNALS / f"{record_path.stem}.partial.jsonl"


def read_journal(journal: Path) -> dict[Cell, dict]:
    """Cells an interrupted ``--update`` finished; a torn last line (the interruption itself) is skipped."""
    kept: dict[Cell, dict] = {}
    if journal.exists():
        for line in journal.read_text(encoding="utf-8").splitlines():
            try:
                cell = json.loads(line)
            except json.JSONDecodeError:
                continue
            kept[(cell["path"], cell["family"])] = cell
    return kept


def update(record_path: Path, requested: list[Cell], convert_python: Path, timeout: float, jobs: int,
           progress=print) -> dict:
    """Run the requested cells and those the record lacks, merge them in and write the record.

    Every finished cell is appended to the journal before anything else can fail, and the journal is
    removed only once the merged record is checked and written.
    """
    record = load(record_path)
    cells = list(dict.fromkeys([*requested, *missing_cells(record)]))
    journal = journal_for(record_path)
    kept = {cell: result for cell, result in read_journal(journal).items() if cell in cells}
    if kept:
        progress(f"resuming: {len(kept)} finished cells from {display_path(journal)} (delete it to re-run them)")
    journal.parent.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()

    def keep(result: dict) -> None:
        with lock, journal.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")

    started = time.perf_counter()
    todo = [c for c in cells if c not in kept]
    progress(f"{len(todo)} cells to run" + (f": {', '.join(f'{p}/{f}' for p, f in todo)}" if len(todo) <= 12 else ""))
    done = {**kept, **run_cells(todo, convert_python, timeout, jobs, progress, on_result=keep)}
    now = document(list(done.values()), time.perf_counter() - started, convert_python) if done else None
    merged = merge(record, now or {"cells": [], "seconds": 0.0, "envs": {}})
    try:
        check(merged, record_path)
    except SiteError as error:
        raise SiteError(record_path, None, f"{error.problem}; nothing written, {len(done)} finished cells are kept in "
                        f"{display_path(journal)}", "fix the cause, then run the same command again to resume") from None
    record_path.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    journal.unlink(missing_ok=True)
    return merged


def merge(record: dict, now: dict) -> dict:
    """A record with ``now``'s cells replacing its own; rows and columns stay in the code's order."""
    paths = all_paths()
    cells = {(c["path"], c["family"]): c for c in record["cells"]}
    cells.update({(c["path"], c["family"]): c for c in now["cells"]})
    path_ids = [p for p in paths if any(k[0] == p for k in cells)]
    family_ids = [f for f in FAMILIES if any(k[1] == f for k in cells)]
    return {**record, "date": now.get("date", record["date"]), "seconds": round(record["seconds"] + now["seconds"], 1),
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
        elif not same_difference(old["max_abs_diff"], cell["max_abs_diff"]):
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


def _ids(text: str | None, known: dict, flag: str, where: Path) -> list[str]:
    if not text:
        return list(known)
    ids = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise SiteError(where, None, f"{flag} {', '.join(unknown)}: no such id here", f"use one of {', '.join(known)}")
    return ids


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.conversions.run", description=__doc__.split("\n")[0])
    parser.add_argument("--paths", help="comma-separated path ids (default: all)")
    parser.add_argument("--families", help="comma-separated family ids (default: all)")
    parser.add_argument("--timeout", type=float, default=420, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--convert-python", type=Path, default=CONVERT_PYTHON, help="interpreter of the converter env")
    parser.add_argument("--out", type=Path, help=f"write the record here (default for a full run: {RECORD.relative_to(ROOT)})")
    parser.add_argument("--update", type=Path, nargs="?", const=RECORD, metavar="RECORD",
                        help="run the named cells and every cell the record lacks, merge them into the record "
                             f"(default {RECORD.relative_to(ROOT)}); resumes an interrupted update")
    parser.add_argument("--compare", type=Path, help="report cells that changed against this record")
    parser.add_argument("--report", type=Path, help="with --compare: write the Markdown report here")
    return parser


def usage_examples() -> list[list[str]]:
    """The command lines of this module's docstring, as argument lists (the tests parse each one)."""
    prefix = "python -m sidebyside.tools.conversions.run"
    lines = [line.strip().split("#")[0].split() for line in __doc__.splitlines() if line.strip().startswith(prefix)]
    return [words[len(prefix.split()):] for words in lines]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except SiteError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted" + (f"; finished cells are kept in {display_path(journal_for(args.update))}, the same "
                               "command resumes" if args.update else ""), file=sys.stderr)
        return 130


def selected(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """The path and family ids the arguments name (all by default); an unknown id is a SiteError."""
    here = Path(__file__).parent
    return (_ids(args.paths, all_paths(), "--paths", here / "paths" / "__init__.py"),
            _ids(args.families, FAMILIES, "--families", here / "families.py"))


def _run(args: argparse.Namespace) -> int:
    path_ids, family_ids = selected(args)
    progress = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    if args.update:
        if args.compare or args.out:
            raise SiteError(args.update, None, "--update writes the record it merges into",
                            "drop --out and --compare, or run them without --update")
        named = bool(args.paths or args.families)
        requested = [(p, f) for p in path_ids for f in family_ids] if named else []
        now = update(args.update, requested, args.convert_python, args.timeout, args.jobs, progress)
        passed = sum(c["status"] == "pass" for c in now["cells"])
        print(f"{passed}/{len(now['cells'])} cells pass; written to {display_path(args.update)}")
        return 0
    full = not (args.paths or args.families)
    now = run_matrix(path_ids, family_ids, args.convert_python, args.timeout, args.jobs, progress=progress)
    out = args.out or (RECORD if full and not args.compare else None)
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
