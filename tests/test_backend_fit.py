"""The Keras backend ``fit`` timings: the committed file is valid, and a damaged one is refused.

The page renders these numbers from data; these tests prove the renderer
reads what the measuring tool wrote and that the checks reject files that
would render a misleading table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sidebyside.data.backend_fit import BACKENDS, FIT_SPEED, load_fit_speed
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
