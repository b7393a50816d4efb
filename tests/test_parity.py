"""Promise 2: the two halves of a pair print the same numbers, or say exactly what still matches.

``test_snippets`` proves each recording is what its code prints; this module
proves the two recordings of a pair agree, numerically and within the
tolerance the pair states (see ``sidebyside.pairs.parity`` for the rules).
The same functions back ``python -m sidebyside check`` and ``test_lies``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.errors import SiteError
from sidebyside.pairs import parity
from sidebyside.pairs.catalog import DEFAULT_TOLERANCE, Pair, Tolerance, discover
from sidebyside.pairs.normalise import normalise

PAIRS = list(discover().values())


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.key)
def test_pair_outputs_agree(pair: Pair) -> None:
    try:
        problems = parity.check_pair(pair)
    except SiteError as error:
        pytest.fail(error.message, pytrace=False)
    if problems:
        pytest.fail(parity.report(pair, problems), pytrace=False)


def test_only_these_pairs_are_unchecked() -> None:
    """The one list of pairs whose outputs are not compared at all, each with its reason."""
    groups = parity.classify(PAIRS)
    keys = {p.key for p in PAIRS}
    stale = sorted(set(parity.UNCHECKED) - keys)
    assert not stale, f"UNCHECKED names pairs that do not exist: {stale}; remove them from sidebyside/pairs/parity.py"
    assert sorted(groups["unchecked"]) == sorted(parity.UNCHECKED)
    for key in groups["unchecked"]:
        assert len(parity.UNCHECKED[key]) > 20, f"{key}: say why nothing in its output can be compared"
    assert len(groups["unchecked"]) <= max(1, len(PAIRS) // 10), (
        f"{len(groups['unchecked'])} of {len(PAIRS)} pairs check nothing; give them '# same:' lines"
    )
    print(parity.shares(PAIRS))


def test_most_pairs_are_compared_in_full() -> None:
    """A site whose pairs all 'differ' would check little; keep that visible."""
    groups = parity.classify(PAIRS)
    assert len(groups["full"]) >= len(PAIRS) // 2, parity.shares(PAIRS)


# --- the comparison itself -------------------------------------------------

def test_numbers_are_compared_numerically_and_text_exactly() -> None:
    tight = DEFAULT_TOLERANCE
    assert parity.compare_text("loss=1.0000001", "loss=1.0000002", tight) is None
    assert parity.compare_text("x [1.0, -0.0]", "x [1, 0.0]", tight) is None
    assert parity.compare_text("params: 3,504,872", "params: 3504872", tight) is None
    assert "differ by" in parity.compare_text("loss=1.00001", "loss=1.00000", tight)
    assert "must be equal" in parity.compare_text("params: 3,504,872", "params: 3,504,873", tight)
    assert parity.compare_text("loss=1.5", "loss: 1.5", tight) == "text differs"
    assert parity.compare_text("dtype float32", "dtype float64", tight) == "text differs"
    assert parity.compare_text("[1, 2]", "[1, 2, 3]", tight) == "text differs"
    loose = Tolerance(1e-4, reason="test")
    assert parity.compare_text("0.50001", "0.50000", loose) is None
    assert parity.compare_text("1e-12", "-3e-12", Tolerance(1e-6, 1e-11)) is None


def test_a_placeholder_in_a_compared_line_fails() -> None:
    line = normalise("took 1.5 s").strip()
    assert line == "took <time>"
    assert "placeholder" in parity.compare_text(line, line, DEFAULT_TOLERANCE)
    assert "placeholder" in parity.compare_text("f at 0x<addr>", "f at 0x<addr>", DEFAULT_TOLERANCE)


def test_coarse_numbers_and_perturbation() -> None:
    assert parity.coarse_numbers(["loss=0.3015 acc=0.5 lr 1e-05 n=12 norm 1.0000"]) == ["0.3015", "1.0000"]
    assert parity.coarse_numbers(["lr ['0.1', '0.025', '0.00625'] small 0.0001234"]) == ["0.0001234"]
    assert parity.coarse_numbers(["loss=0.30151234 big 518551.62"]) == []
    assert parity.perturb("loss=0.30151234 n=12") == "loss=0.30151536 n=12"
    assert parity.perturb("loss=0.3015") == "loss=0.3015"  # what 4 decimals hide


def test_normaliser_rewrites_only_announced_timings_and_addresses() -> None:
    kept = ["loss 0.5 s", "mask 0xdeadbeef00", "epoch 3 in 2 steps", "lr 1e-3 ms", "/tmp/data.csv"]
    for text in kept:
        assert normalise(text) == text + "\n", text
    assert normalise("took 1.23 s") == "took <time>\n"
    assert normalise("elapsed: 35 ms") == "elapsed: <time>\n"
    assert normalise("<function f at 0x7f3a2c1d9e40>") == "<function f at 0x<addr>>\n"
    assert normalise("1/1 ━━━━ 0s 35ms/step") == "1/1 ━━━━ <time>/step\n"
    assert normalise("saved /tmp/tmpab12cd_x/model.keras") == "saved <tmp>\n"


# --- header keys -------------------------------------------------------------

def _pair(root: Path, header: str, tf_out: str = "x 1\n", pt_out: str = "x 1\n") -> None:
    for framework, label, out in (("tensorflow", "TensorFlow", tf_out), ("pytorch", "PyTorch", pt_out)):
        (root / "topic").mkdir(parents=True, exist_ok=True)
        (root / f"topic/pair.{framework}.py").write_text(f"# title: T\n{header}print('x 1')\n", encoding="utf-8")
        (root / f"topic/pair.{framework}.out").write_text(f"# tested with {label} 1.0\n{out}", encoding="utf-8")


@pytest.mark.parametrize("header, where, problem", [
    ("# tolerance: 1e-4\n", ":2:", "is not '<relative> [abs <absolute>] (<reason>)'"),
    ("# tolerance: 0.5 (too wide)\n", ":2:", "is outside (0, 0.01]"),
    ("# tolerance: x (reason)\n", ":2:", "not a number"),
    ("# differs: why\n# same: (unclosed\n", ":3:", "does not compile"),
    ("# same: ^x\n", ":2:", "'# same:' without '# differs:'"),
])
def test_bad_header_names_file_and_line(tmp_path: Path, header: str, where: str, problem: str) -> None:
    _pair(tmp_path, header)
    with pytest.raises(SiteError) as caught:
        discover(tmp_path)
    assert problem in caught.value.message
    assert f"pair.tensorflow.py{where}" in caught.value.message


def test_same_pattern_matching_no_line_names_file_and_line(tmp_path: Path) -> None:
    _pair(tmp_path, "# differs: why\n# same: ^x \\d\n# same: ^never\n")
    pair = discover(tmp_path)["topic/pair"]
    with pytest.raises(SiteError) as caught:
        parity.check_pair(pair)
    assert "pair.tensorflow.py:4: '# same: ^never' matches no line" in caught.value.message


def test_same_lines_are_compared_and_the_rest_is_not(tmp_path: Path) -> None:
    _pair(tmp_path, "# differs: why\n# same: ^loss (\\S+)\n",
          tf_out="backend tf\nloss 0.25000000\n", pt_out="backend torch\nloss 0.25000000\n")
    assert parity.check_pair(discover(tmp_path)["topic/pair"]) == []
    _pair(tmp_path, "# differs: why\n# same: ^loss (\\S+)\n",
          tf_out="backend tf\nloss 0.25000000\n", pt_out="backend torch\nloss 0.25000300\n")
    assert parity.check_pair(discover(tmp_path)["topic/pair"])


def test_differs_alone_is_refused(tmp_path: Path) -> None:
    _pair(tmp_path, "# differs: anything\n", pt_out="x 2\n")
    with pytest.raises(SiteError, match="'# differs:' without '# same:'"):
        parity.check_pair(discover(tmp_path)["topic/pair"])


# --- messages: each side under its own label, with output line numbers ----------------

@pytest.mark.parametrize("tf_text, pt_text, why", [
    ("loss 1.25", "loss 1.250", "1.25 vs 1.250: printed with 2 and 3 decimals; print both halves with the same format"),
    ("loss 0.50", "loss 0.5", "0.50 vs 0.5: printed with 2 and 1 decimals; print both halves with the same format"),
    ("loss 0.33", "loss 0.333", "0.33 vs 0.333 differ by 0.009 relative, beyond the tolerance (rel 1e-06)"),
    ("loss 0.3560268", "loss 0.35602679", None),  # f"{v:.8g}" drops a trailing zero: the same format
])
def test_two_float_formats_are_refused(tf_text: str, pt_text: str, why: str | None) -> None:
    """``:.2f`` on one half and ``:.3f`` on the other: refused, whether or not the rounded values agree."""
    assert parity.compare_text(tf_text, pt_text, DEFAULT_TOLERANCE) == why


def test_a_jax_half_is_shown_under_its_own_label(tmp_path: Path) -> None:
    _pair(tmp_path, "", tf_out="x 1\nloss 0.25000000\n", pt_out="x 1\nloss 0.25000000\n")
    pair = discover(tmp_path)["topic/pair"]
    [problem] = parity.check_outputs(pair, {"tensorflow": "x 1\nloss 0.25000000\n", "pytorch": "x 1\nloss 0.25000000\n",
                                            "jax": "x 1\nloss 0.25000300\n"})
    assert str(problem) == ("JAX half, output line 2: 0.25000000 vs 0.25000300 differ by 1.2e-05 relative, beyond the "
                            "tolerance (rel 1e-06)\n  TensorFlow: loss 0.25000000\n  JAX:        loss 0.25000300")


def test_too_few_digits_lists_each_side_with_its_output_lines(tmp_path: Path) -> None:
    _pair(tmp_path, "", tf_out="x 1\nloss 0.3015\n", pt_out="x 1\nloss 0.3015\n")
    [problem] = parity.check_pair(discover(tmp_path)["topic/pair"])
    assert str(problem).splitlines()[1:] == ["  TensorFlow: line 2: 0.3015", "  PyTorch:    line 2: 0.3015"]


# --- a declared tolerance must be needed ----------------------------------------

def test_a_tolerance_far_wider_than_the_difference_fails(tmp_path: Path) -> None:
    """1e-2 "float32" on halves that differ by 1e-4 would hide a changed hyperparameter: refused."""
    _pair(tmp_path, "# tolerance: 1e-2 (float32)\n", tf_out="x 1\nloss 0.25000000\n", pt_out="x 1\nloss 0.25002500\n")
    [problem] = parity.check_pair(discover(tmp_path)["topic/pair"])
    assert problem.one_line() == (
        "tolerance (line 2): the declared tolerance is more than 10x wider than any difference between the outputs; "
        "narrow it to at most 10x the largest difference, or remove it "
        "(TensorFlow: rel 0.01 declared; PyTorch: largest difference rel 0.0001, abs 2.5e-05)")


@pytest.mark.parametrize("header", ["# tolerance: 5e-4 (float32)\n", "# tolerance: 1e-6 abs 1e-4 (float32)\n"])
def test_a_tolerance_within_ten_times_the_difference_passes(tmp_path: Path, header: str) -> None:
    _pair(tmp_path, header, tf_out="x 1\nloss 0.25000000\n", pt_out="x 1\nloss 0.25002500\n")
    assert parity.check_pair(discover(tmp_path)["topic/pair"]) == []


def test_a_wide_tolerance_on_same_lines_fails_too(tmp_path: Path) -> None:
    _pair(tmp_path, "# differs: why\n# same: ^loss (\\S+)\n# tolerance: 1e-2 (float32)\n",
          tf_out="backend tf\nloss 0.25000000\n", pt_out="backend torch\nloss 0.25002500\n")
    [problem] = parity.check_pair(discover(tmp_path)["topic/pair"])
    assert problem.where == "tolerance (line 4)"


@pytest.mark.parametrize(("recorded", "fresh", "same"), [
    ("step 3: loss=0.95109576\n", "step 3: loss=0.9510957\n", True),  # seen between two hosts
    ("w: [0.88518137, 0.77717263]\n", "w: [0.88518131, 0.77717263]\n", True),
    ("loss 0.004, accuracy 0.9757\n", "loss 0.003, accuracy 0.9722\n", False),  # a real change
    ("value: 1.0000\n", "value: 1.0001\n", False),  # 1e-4 relative: planted
    ("parameters: 36704\n", "parameters: 36705\n", False),  # integers are exact
    ("device: CPU\n", "device: GPU\n", False),
    ("a: 1.5\n", "a: 1.5\nb: 2.0\n", False),
    ("sum of probabilities: 1.0000001\n", "sum of probabilities: 1\n", True),  # seen between two hosts
    # seen with AVX2 kernels: noise scales with the line's largest number, not with each one
    ("logits: 0.041676059 -2.3388402 0.51187104\n", "logits: 0.04167708 -2.3388405 0.51186937\n", True),
    ("logit: 0.041676059\n", "logit: 0.04167708\n", False),  # alone, the same move is 2.4e-5 of itself
])
def test_a_recording_holds_on_another_host_only_up_to_float_noise(recorded: str, fresh: str, same: bool) -> None:
    from sidebyside.pairs.parity import stale_diff
    assert (stale_diff(recorded, fresh, "x.out") == "") is same
