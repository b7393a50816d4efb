"""Promise 2: the two halves of a pair print the same thing unless they say why not.

``test_snippets`` proves each recording is what its code prints; this test
proves the two recordings of a pair agree, so together they check the
executed outputs of both frameworks against each other.
"""

from __future__ import annotations

import difflib

import pytest

from sidebyside.pairs.catalog import Pair, discover
from sidebyside.pairs.runner import read_recording

PAIRS = list(discover().values())
SAME = [p for p in PAIRS if not p.differs]


@pytest.mark.parametrize("pair", SAME, ids=lambda p: p.key)
def test_pair_outputs_are_identical(pair: Pair) -> None:
    """The PyTorch half, and a JAX half when there is one, print what TensorFlow prints."""
    _, tf_out = read_recording(pair.halves["tensorflow"])
    for framework, half in pair.halves.items():
        if framework == "tensorflow":
            continue
        _, other_out = read_recording(half)
        if tf_out != other_out:
            diff = "".join(difflib.unified_diff(
                tf_out.splitlines(keepends=True), other_out.splitlines(keepends=True),
                fromfile="TensorFlow", tofile=half.label,
            ))
            pytest.fail(
                f"{pair.key}: outputs differ but no half has a '# differs:' header\n{diff}\n"
                "make every half print the same values with the same precision, or add '# differs: <why>'",
                pytrace=False,
            )


def test_most_pairs_are_parity_checked() -> None:
    """A site whose pairs all 'differ' would check nothing; keep that visible."""
    assert len(SAME) >= len(PAIRS) // 2, f"only {len(SAME)} of {len(PAIRS)} pairs are parity-checked"
