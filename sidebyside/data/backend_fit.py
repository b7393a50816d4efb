"""Load and validate ``data/backends/fit-speed.json``, the Keras backend ``fit`` timings.

Written by ``python -m sidebyside.tools.backend_fit``; read by the
``keras-backend-fit`` renderer. A truncated or hand-edited file stops the
build with its path and the broken field instead of rendering a wrong table.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
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
    note: str
    workload: str
    runs: tuple[BackendRun, ...]


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
    for key in ("date", "machine", "note", "workload", "runs"):
        if key not in doc:
            raise SiteError(path, None, f"missing field '{key}'", FIX)
    runs = []
    for item in doc["runs"]:
        backend = item.get("backend")
        seconds = item.get("seconds_per_epoch")
        if backend not in BACKENDS:
            raise SiteError(path, _line_of(text, f'"{backend}"'), f"unknown backend {backend!r}", f"use one of {BACKENDS}")
        if not seconds or not all(isinstance(s, int | float) and s > 0 for s in seconds):
            raise SiteError(path, _line_of(text, f'"{backend}"'), f"backend '{backend}' has no valid epoch times", FIX)
        runs.append(BackendRun(backend, tuple(float(s) for s in seconds), dict(item.get("versions", {}))))
    found = sorted(r.backend for r in runs)
    if found != sorted(BACKENDS):
        raise SiteError(path, _line_of(text, '"runs"'), f"runs cover {found}, not each of {list(BACKENDS)} once", FIX)
    return FitSpeed(doc["date"], doc["machine"], doc["note"], doc["workload"], tuple(runs))
