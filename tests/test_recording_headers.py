"""A recording's header names the pinned version that produced it (``sidebyside.pairs.headers``).

The lie, a header edited to another release, is planted in a scratch copy of
one topic's snippets; nothing is run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.pairs import headers
from sidebyside.pairs.catalog import SNIPPETS, discover

TOPIC = "mixed-precision-and-quantization"


def test_every_recording_names_the_pin() -> None:
    pairs = discover(SNIPPETS, require_outputs=False)
    assert headers.header_errors(pairs) == []
    assert headers.check(pairs).endswith("recording headers name the pinned versions")


def test_lie_header_names_another_version(tmp_path: Path) -> None:
    shutil.copytree(SNIPPETS / TOPIC, tmp_path / TOPIC, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / TOPIC / "loss-scaling.tensorflow.out"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# tested with TensorFlow 2.21.0\n")
    out.write_text(text.replace("TensorFlow 2.21.0", "TensorFlow 2.20.0", 1), encoding="utf-8")
    line = next(n for n, row in enumerate((ROOT / "requirements/test.txt").read_text().splitlines(), 1)
                if row.startswith("tensorflow-cpu=="))
    with pytest.raises(SiteError) as caught:
        headers.check(discover(tmp_path))
    assert str(caught.value) == (
        f"{out}:1: recording header names TensorFlow 2.20.0, but requirements/test.txt:{line} pins 2.21.0; "
        f"re-record it in the pinned environment: python -m sidebyside record {TOPIC}/loss-scaling")


def test_local_build_label_is_not_another_version() -> None:
    assert headers.public("2.13.0+cpu") == "2.13.0"
