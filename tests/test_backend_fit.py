"""The Keras backend ``fit`` timings: the committed file is valid, and a damaged one is refused.

The page renders these numbers from data; these tests prove the renderer
reads what the measuring tool wrote and that the checks reject files that
would render a misleading table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sidebyside.data.backend_fit import BACKENDS, FIT_SPEED, load_fit_speed, run_identity
from sidebyside.data.samples import samples_digest
from sidebyside.errors import SiteError


def test_committed_timings_cover_every_backend() -> None:
    data = load_fit_speed()
    assert sorted(r.backend for r in data.runs) == sorted(BACKENDS)
    assert all(r.median > 0 for r in data.runs)
    assert data.date and data.machine and data.workload


def _write(tmp_path: Path, change) -> Path:
    doc = json.loads(FIT_SPEED.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "fit-speed.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize("lie, change", [
    ("a backend dropped", lambda d: d["runs"].pop()),
    ("a backend counted twice", lambda d: d["runs"].append(d["runs"][0])),
    ("an epoch that took no time", lambda d: d["runs"][0].update(seconds_per_epoch=[0.0])),
    ("an unknown backend", lambda d: d["runs"][0].update(backend="mxnet")),
    ("no conditions recorded", lambda d: d.pop("machine")),
])
def test_damaged_timings_are_refused(tmp_path: Path, lie: str, change) -> None:
    with pytest.raises(SiteError) as info:
        load_fit_speed(_write(tmp_path, change))
    assert "fit-speed.json" in info.value.message, lie


def test_lie_fit_speed_samples_swapped_between_backends(tmp_path: Path) -> None:
    """The JAX and TensorFlow epoch times exchanged, fingerprints and all: each fingerprint covers its backend."""
    def swap(doc: dict) -> None:
        runs = {r["backend"]: r for r in doc["runs"]}
        for key in ("seconds_per_epoch", "samples_sha256"):
            runs["jax"][key], runs["tensorflow"][key] = runs["tensorflow"][key], runs["jax"][key]

    path = _write(tmp_path, swap)
    doc = json.loads(path.read_text(encoding="utf-8"))
    run = next(r for r in doc["runs"] if r["backend"] == "tensorflow")
    digest = samples_digest(run_identity("tensorflow", doc["workload"]), run["seconds_per_epoch"])
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if run["samples_sha256"] in text)
    with pytest.raises(SiteError) as info:
        load_fit_speed(path)
    assert info.value.message == (f"{path}:{line}: backend 'tensorflow': its epoch times are not the ones measured "
                                  f"(samples_sha256 {run['samples_sha256']}, the times give {digest}); "
                                  "times are measured, not edited: re-run: python -m sidebyside.tools.backend_fit")


def test_lie_an_epoch_time_doubled(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda d: d["runs"][1]["seconds_per_epoch"].__setitem__(0, 2 * d["runs"][1]["seconds_per_epoch"][0]))
    with pytest.raises(SiteError, match=r"backend '\w+': its epoch times are not the ones measured"):
        load_fit_speed(path)
