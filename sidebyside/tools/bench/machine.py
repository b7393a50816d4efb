"""Describe the host so a result file says what it was measured on."""

from __future__ import annotations

import os
import platform
import re
from importlib import metadata
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return 0.0


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe(threads: int) -> dict:
    """Machine, OS, Python and package versions, plus the thread settings used."""
    return {
        "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "memory_gib": memory_gib(), "arch": platform.machine()},
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": {name: version(dist) for name, dist in (
            ("tensorflow", "tensorflow-cpu"), ("keras", "keras"), ("torch", "torch"),
            ("numpy", "numpy"), ("onnxruntime", "onnxruntime"), ("ai-edge-litert", "ai-edge-litert"))},
        "threads": {"intra_op": threads, "inter_op": 1},
    }


def slug(info: dict) -> str:
    """A file-name-safe machine id, e.g. ``intel-xeon-platinum-8481c-2c``."""
    cpu = re.sub(r"\((r|tm)\)|cpu|@.*$", "", info["machine"]["cpu"].lower())
    cpu = re.sub(r"[^a-z0-9]+", "-", cpu).strip("-")[:40]
    return f"{cpu}-{info['machine']['cores']}c"
