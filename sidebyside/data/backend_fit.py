"""Load and validate ``data/backends/fit-speed.json``, the Keras backend ``fit`` timings.

Written by ``python -m sidebyside.tools.backend_fit``; read by the
``keras-backend-fit`` renderer. A truncated or hand-edited file stops the
build with its path and the broken field instead of rendering a wrong table:
each backend's epoch times carry the fingerprint the tool wrote
(``sidebyside.data.samples``), so times edited, or swapped between backends,
no longer load, and their count must be the repeats the record says it took.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.samples import samples_digest
from sidebyside.errors import SiteError

FIT_SPEED = ROOT / "data" / "backends" / "fit-speed.json"
BACKENDS = ("tensorflow", "torch", "jax")
FIX = "re-run: python -m sidebyside.tools.backend_fit"


@dataclass(frozen=True)
class BackendRun:
    """One backend's repeated epoch times, in seconds."""

    backend: str
    seconds: tuple[float, ...]
    versions: dict[str, str]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass(frozen=True)
class FitSpeed:
    date: str
    machine: str
    method: dict
    """How the times were taken: repeats, warm-up epochs, threads, niceness, load average before and after."""
    note: str
    workload: str
    runs: tuple[BackendRun, ...]


def run_identity(backend: str, workload: str) -> str:
    """What one backend's epoch times measure: the fingerprint covers it, so times cannot move to another backend."""
    return f"{backend}|{workload}"


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def load_fit_speed(path: Path = FIT_SPEED) -> FitSpeed:
    """Parse and check the timings; every backend must be present exactly once."""
    text = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SiteError(path, exc.lineno, f"invalid JSON: {exc.msg}", FIX) from None
    for key in ("date", "machine", "method", "note", "workload", "runs"):
        if key not in doc:
            raise SiteError(path, None, f"missing field '{key}'", FIX)
    if not isinstance(doc["method"], dict) or not {"repeats", "load_average"} <= doc["method"].keys():
        raise SiteError(path, _line_of(text, '"method"'), "'method' must say the repeats and the load average", FIX)
    runs = []
    for item in doc["runs"]:
        backend = item.get("backend")
        seconds = item.get("seconds_per_epoch")
        if backend not in BACKENDS:
            raise SiteError(path, _line_of(text, f'"{backend}"'), f"unknown backend {backend!r}", f"use one of {BACKENDS}")
        if not seconds or not all(isinstance(s, int | float) and s > 0 for s in seconds):
            raise SiteError(path, _line_of(text, f'"{backend}"'), f"backend '{backend}' has no valid epoch times", FIX)
        digest = samples_digest(run_identity(backend, doc["workload"]), seconds)
        if item.get("samples_sha256") != digest:
            raise SiteError(path, _line_of(text, f'"samples_sha256": "{item.get("samples_sha256")}"') or _line_of(text, f'"{backend}"'),
                            f"backend '{backend}': its epoch times are not the ones measured "
                            f"(samples_sha256 {item.get('samples_sha256')}, the times give {digest})",
                            f"times are measured, not edited: {FIX}")
        if len(seconds) != doc["method"].get("repeats"):
            raise SiteError(path, _line_of(text, f'"{backend}"'),
                            f"backend '{backend}' has {len(seconds)} epoch times, the method took {doc['method'].get('repeats')}", FIX)
        runs.append(BackendRun(backend, tuple(float(s) for s in seconds), dict(item.get("versions", {}))))
    found = sorted(r.backend for r in runs)
    if found != sorted(BACKENDS):
        raise SiteError(path, _line_of(text, '"runs"'), f"runs cover {found}, not each of {list(BACKENDS)} once", FIX)
    return FitSpeed(doc["date"], doc["machine"], doc["method"], doc["note"], doc["workload"], tuple(runs))
