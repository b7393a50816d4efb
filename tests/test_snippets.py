"""Every snippet re-runs and prints exactly what its ``.out`` recording shows.

This is promise 1 of the site: the output under each code block is the
output that code produces with the pinned versions. One test per file so
pytest-xdist spreads the (slow, framework-importing) runs over the cores.
"""

from __future__ import annotations

import pytest

from sidebyside.errors import SiteError
from sidebyside.pairs import verified
from sidebyside.pairs.catalog import Half, discover
from sidebyside.pairs.parity import stale_diff
from sidebyside.pairs.runner import framework_version, public_version, read_recording, run

HALVES = [half for pair in discover().values() for half in pair.halves.values()]


def _id(half: Half) -> str:
    return f"{half.path.parent.name}/{half.path.name}"


@pytest.mark.slow
@pytest.mark.parametrize("half", HALVES, ids=_id)
def test_snippet_output_matches_recording(half: Half) -> None:
    version, recorded = read_recording(half)
    # '2.13.0+cpu' (this machine's CPU wheel) and '2.13.0' (PyPI's default wheel) are one release.
    assert public_version(version) == public_version(framework_version(half.framework)), (
        f"{half.out_path.name} was recorded with {half.label} {version}, "
        f"but {framework_version(half.framework)} is installed; re-record: "
        f"python -m sidebyside record {half.path.parent.name}/{half.path.name.split('.')[0]}"
    )
    if verified.is_verified(half, version):
        return  # local runs only: this exact script, recording and version already matched
    try:
        result = run(half)
    except SiteError as error:
        pytest.fail(error.message, pytrace=False)
    diff = stale_diff(recorded, result.output, half.out_path.name)
    if diff:
        key = f"{half.path.parent.name}/{half.path.name.split('.')[0]}"
        pytest.fail(f"stale recording for {key}:\n{diff}\nre-record with: python -m sidebyside record {key}", pytrace=False)
    verified.mark_verified(half, version)


def test_there_are_snippets() -> None:
    assert len(HALVES) >= 10, "the snippet tree is unexpectedly small; did discovery break?"
