"""A recording's header names the pinned version that produced it.

Every ``.out`` starts with ``# tested with TensorFlow 2.21.0``: the version
``record`` found installed. Readers see it (the tested-versions table counts
the headers) and take it as what ran. A header naming another version is a
hand edit or a recording made outside the pinned environment; either way the
output below it was not produced by the versions the site pins, so it is
refused with the file, the two versions and the command that re-records it.
"""

from __future__ import annotations

from pathlib import Path

from sidebyside import ROOT
from sidebyside.data.pins import Pin, normalise, pins
from sidebyside.errors import SiteError, raise_all
from sidebyside.pairs.catalog import Pair
from sidebyside.pairs.runner import read_recording

PINS_FILE = ROOT / "requirements" / "test.txt"
"""The environment ``record`` runs in (``make venv`` installs it)."""
DISTRIBUTIONS = {"TensorFlow": "tensorflow", "PyTorch": "torch", "JAX": "jax"}
"""Label in the header -> the distribution pinned for it (names as ``pins`` normalises them)."""


def public(version: str) -> str:
    """``2.13.0+cpu`` -> ``2.13.0``: the local label names the wheel's build, not another release."""
    return version.partition("+")[0]


def header_errors(pairs: dict[str, Pair], pins_file: Path = PINS_FILE) -> list[SiteError]:
    """One error per recorded half whose header names a version other than the pin."""
    pinned: dict[str, Pin] = {pin.name: pin for pin in pins(pins_file.parent) if pin.path == pins_file}
    errors = []
    for key, pair in sorted(pairs.items()):
        for half in pair.halves.values():
            pin = pinned.get(normalise(DISTRIBUTIONS.get(half.label, half.label)))
            if pin is None or not half.out_path.is_file():
                continue  # an unpinned framework, or not recorded yet: the catalog check reports the latter
            version, _ = read_recording(half)
            if public(version) != pin.version:
                rel = pin.path.relative_to(pin.path.parent.parent).as_posix()
                errors.append(SiteError(
                    half.out_path, 1,
                    f"recording header names {half.label} {version}, but {rel}:{pin.line} pins {pin.version}",
                    f"re-record it in the pinned environment: python -m sidebyside record {key}"))
    return errors


def check(pairs: dict[str, Pair], pins_file: Path = PINS_FILE) -> str:
    """For ``check``: raise on the first wrong header, or say how many were read."""
    raise_all(header_errors(pairs, pins_file))
    count = sum(half.out_path.is_file() for pair in pairs.values() for half in pair.halves.values())
    return f"{count} recording headers name the pinned versions"
