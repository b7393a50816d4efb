"""Every snippet re-runs and prints exactly what its ``.out`` recording shows.

This is promise 1 of the site: the output under each code block is the
output that code produces with the pinned versions. One test per file so
pytest-xdist spreads the (slow, framework-importing) runs over the cores.

Recordings are always made in fresh processes (``make record``). Here most
snippets run in a fork of an interpreter that has already imported their
framework (``sidebyside.pairs.forkserver``), which saves one framework
import per snippet; the comparison with the fresh recording is what proves
the two paths print the same. When a forked run differs, the test runs the
snippet fresh as well and says which path disagrees. Snippets that must
not be forked (``forkserver.fresh_only``) and every snippet under
``SIDEBYSIDE_FRESH=1`` run fresh.
"""

from __future__ import annotations

import warnings

import pytest

from sidebyside.errors import SiteError
from sidebyside.pairs import forkserver, verified
from sidebyside.pairs.catalog import Half, discover
from sidebyside.pairs.parity import stale_diff
from sidebyside.pairs.runner import Result, framework_version, public_version, read_recording, run

HALVES = [half for pair in discover().values() for half in pair.halves.values()]


def _id(half: Half) -> str:
    return f"{half.path.parent.name}/{half.path.name}"


def _key(half: Half) -> str:
    return f"{half.path.parent.name}/{half.path.name.split('.')[0]}"


def _run_fresh(half: Half) -> Result:
    try:
        return run(half)
    except SiteError as error:
        pytest.fail(error.message, pytrace=False)


def _run_forked(half: Half, pool: forkserver.ForkPool, recorded: str) -> Result | None:
    """The forked run's result, None if no server is available; fails when fork and fresh disagree."""
    try:
        result = forkserver.run(half, pool)
    except forkserver.ForkServerUnavailable as error:
        warnings.warn(f"no fork server, running {half.path.name} fresh: {error}", stacklevel=2)
        return None
    except SiteError as error:
        _run_fresh(half)  # fails the test if the fresh run fails too: then the snippet is simply broken
        pytest.fail(f"{error.message}\nbut a fresh run succeeds: the snippet depends on process state; "
                    f"make it independent of it or add a pattern to forkserver.FRESH_ONLY", pytrace=False)
    if stale_diff(recorded, result.output, half.out_path.name):
        fresh = _run_fresh(half)
        if fresh.output == recorded:
            pytest.fail(
                f"{_key(half)}: the forked run differs from the fresh run, which matches the recording; its output "
                f"depends on process state (see sidebyside/pairs/forkserver.py for what is reset). Make it independent "
                f"of that state or add a pattern to forkserver.FRESH_ONLY.\n{stale_diff(recorded, result.output, half.out_path.name)}",
                pytrace=False,
            )
        return fresh
    return result


@pytest.mark.slow
@pytest.mark.parametrize("half", HALVES, ids=_id)
def test_snippet_output_matches_recording(half: Half, fork_pool: forkserver.ForkPool) -> None:
    version, recorded = read_recording(half)
    # '2.13.0+cpu' (this machine's CPU wheel) and '2.13.0' (PyPI's default wheel) are one release.
    assert public_version(version) == public_version(framework_version(half.framework)), (
        f"{half.out_path.name} was recorded with {half.label} {version}, "
        f"but {framework_version(half.framework)} is installed; re-record: "
        f"python -m sidebyside record {_key(half)}"
    )
    if verified.is_verified(half, version):
        return  # local runs only: this exact script, recording and version already matched
    result = None if forkserver.fresh_only(half.path) else _run_forked(half, fork_pool, recorded)
    if result is None:
        result = _run_fresh(half)
    diff = stale_diff(recorded, result.output, half.out_path.name)
    if diff:
        pytest.fail(f"stale recording for {_key(half)}:\n{diff}\nre-record with: python -m sidebyside record {_key(half)}", pytrace=False)
    verified.mark_verified(half, version)


def test_there_are_snippets() -> None:
    assert len(HALVES) >= 10, "the snippet tree is unexpectedly small; did discovery break?"
