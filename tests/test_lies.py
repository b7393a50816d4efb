"""Plant each known kind of lie in a scratch copy of the tree and expect the suite's own checks to refuse it.

Every test copies ``snippets/`` and ``docs/`` to a temporary directory,
changes one thing the way a careless or dishonest edit would, and calls the
same library functions the suite and ``python -m sidebyside check`` use
(``sidebyside.pairs.parity``, ``cli.cmd_check``). None re-runs a framework
except the one that changes code and re-records, which runs one PyTorch
script because that is the lie.

The pair used is autodiff-and-training/training-step: three Adam steps whose
losses and weights the page says are the same in both frameworks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.cli import cmd_check
from sidebyside.errors import SiteError
from sidebyside.pairs import parity
from sidebyside.pairs.catalog import Pair, discover
from sidebyside.pairs.runner import read_recording, run, write_recording

KEY = "autodiff-and-training/training-step"
TRAINED = ["api-and-learning-curve/fit-vs-loop", "api-and-learning-curve/keras-on-torch",
           "data-parallelism/two-replicas-match-one", "saving-and-security/resume-training",
           "visualization/loss-curve"]
"""Pairs whose printed numbers are results of training, held to a tolerance below 1e-5.
(training-step states 2e-5 with its reason; its lie is the epsilon change below.)"""


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A scratch copy of what the checks read: snippets and pages."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets", ignore=ignore)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=ignore)
    return tmp_path


def pair_in(tree: Path, key: str = KEY) -> Pair:
    return discover(tree / "snippets")[key]


def check(tree: Path) -> str:
    """``python -m sidebyside check`` on the scratch tree; returns its error message ('' if it passed)."""
    try:
        cmd_check(tree / "snippets", tree / "docs")
    except SiteError as error:
        return error.message
    return ""


def edit_body(pair: Pair, framework: str, change) -> tuple[str, str]:
    """Rewrite one recording's body with ``change``; returns (old body, new body)."""
    half = pair.halves[framework]
    version, body = read_recording(half)
    new = change(body)
    assert new != body, "the planted lie changed nothing"
    half.out_path.write_text(f"# tested with {half.label} {version}\n{new}", encoding="utf-8")
    return body, new


def test_the_untouched_copy_passes(tree: Path) -> None:
    """Without this, every rejection below could be a broken copy."""
    assert check(tree) == ""
    assert parity.check_pair(pair_in(tree)) == []


def test_changed_number_in_a_recording(tree: Path) -> None:
    """Lie: a number in a ``.out`` edited by hand, in its fourth digit or by 0.1%.

    (A last-digit edit is within the float noise two hosts show, ``parity.HOST_NOISE``, and passes.)
    """
    def bump(body: str) -> str:
        return re.sub(r"(step 3: loss=\d\.\d\d)(\d)", lambda m: m[1] + str((int(m[2]) + 1) % 10), body, flags=re.M)

    recorded_before, recorded_now = edit_body(pair_in(tree), "pytorch", bump)
    # The snippet-vs-recording check (test_snippets) compares a fresh run with the file; a fresh
    # run prints what the code prints, which test_snippets proves is the untouched recording.
    assert parity.stale_diff(recorded_now, recorded_before, "training-step.pytorch.out")

    def scale_last_line(body: str) -> str:
        head, _, last = body.rstrip("\n").rpartition("\n")
        return f"{head}\n{parity.perturb(last, 1e-3)}\n"

    _, scaled = edit_body(pair_in(tree), "pytorch", scale_last_line)
    assert parity.stale_diff(scaled, recorded_before, "training-step.pytorch.out")
    assert parity.check_pair(pair_in(tree))
    assert "fails parity" in check(tree)


@pytest.mark.slow
def test_code_changed_on_one_side_and_re_recorded(tree: Path) -> None:
    """Lie: PyTorch's Adam epsilon 1e-8 -> 1e-6 (the default mismatch the pair is about), then re-recorded."""
    half = pair_in(tree).halves["pytorch"]
    source = half.path.read_text(encoding="utf-8")
    assert "eps=1e-8" in source
    half.path.write_text(source.replace("eps=1e-8", "eps=1e-6"), encoding="utf-8")
    write_recording(run(pair_in(tree).halves["pytorch"]))
    problems = parity.check_pair(pair_in(tree))
    assert problems, "a different epsilon went unnoticed"
    assert "fails parity" in check(tree)


def test_differs_added_to_hide_a_difference(tree: Path) -> None:
    """Lie: the halves disagree, and '# differs:' is added to both to silence parity."""
    edit_body(pair_in(tree), "pytorch", lambda body: parity.perturb(body, 1e-3))
    for half in pair_in(tree).halves.values():
        text = half.path.read_text(encoding="utf-8")
        title, _, rest = text.partition("\n")
        half.path.write_text(f"{title}\n# differs: optimisers are tuned differently\n{rest}", encoding="utf-8")
    with pytest.raises(SiteError, match="'# differs:' without '# same:'"):
        parity.check_pair(pair_in(tree))
    assert "'# differs:' without '# same:'" in check(tree)


def test_a_tolerance_widened_to_hide_a_difference(tree: Path) -> None:
    """Lie: the tolerance widened to 1e-2 ("float32"), and PyTorch's numbers moved by 1e-4 as a changed setting would."""
    for half in pair_in(tree).halves.values():
        text = half.path.read_text(encoding="utf-8")
        assert "\n# tolerance: 2e-5 (" in text
        half.path.write_text(re.sub(r"(?m)^# tolerance: .*$", "# tolerance: 1e-2 (float32)", text), encoding="utf-8")
    edit_body(pair_in(tree), "pytorch", lambda body: parity.perturb(body, 1e-4))
    assert check(tree).startswith(
        f"{tree}/snippets/autodiff-and-training/training-step.tensorflow.out: pair 'autodiff-and-training/training-step' fails parity "
        "(1 problem(s)); first: tolerance (line 2): the declared tolerance is more than 10x wider than any difference "
        "between the outputs; narrow it to at most 10x the largest difference, or remove it;   TensorFlow: rel 0.01 declared;"
        "   PyTorch:    largest difference rel 0.00011, abs 0.0001; see the message of tests/test_parity.py for this pair")


def test_same_lines_still_catch_the_difference(tree: Path) -> None:
    """Lie: '# differs:' with a '# same:' claim that the losses match, while they do not."""
    edit_body(pair_in(tree, "api-and-learning-curve/keras-on-torch"), "pytorch",
              lambda body: parity.perturb(body, 1e-4))
    assert parity.check_pair(pair_in(tree, "api-and-learning-curve/keras-on-torch"))


@pytest.mark.parametrize("key", TRAINED)
def test_a_tiny_change_in_a_trained_number(tree: Path, key: str) -> None:
    """Lie: every computed number of one half off by 1e-5 relative, printed with the snippet's own precision."""
    edit_body(pair_in(tree, key), "pytorch", parity.perturb)
    assert parity.check_pair(pair_in(tree, key)), f"{key}: a 1e-5 relative change is invisible in its output"


def test_placeholder_left_in_a_compared_line(tree: Path) -> None:
    """Lie: a value both halves print is hidden behind a normaliser placeholder."""
    for framework in ("tensorflow", "pytorch"):
        edit_body(pair_in(tree), framework, lambda body: re.sub(r"^(step 1: loss=)\S+", r"\1<time>", body, flags=re.M))
    problems = parity.check_pair(pair_in(tree))
    assert any("placeholder" in p.why for p in problems)
    assert "placeholder" in check(tree)


def test_recorded_pair_that_no_page_shows(tree: Path) -> None:
    """Lie: a pair is recorded and tested but readers never see it."""
    page = tree / "docs/topics/autodiff-and-training.md"
    text = page.read_text(encoding="utf-8")
    assert f"@pair {KEY}\n" in text
    page.write_text(text.replace(f"@pair {KEY}\n", ""), encoding="utf-8")
    assert f"pair '{KEY}' is not shown on any page" in check(tree)


JAX_KEY = "jax-and-keras-backends/one-training-step"
"""A pair with the optional third half: the same training steps in JAX with optax."""


def test_a_jax_half_is_held_to_the_same_parity(tree: Path) -> None:
    """Lie: the JAX recording's trained numbers moved by 1e-5 relative; the two required halves still agree."""
    pair = pair_in(tree, JAX_KEY)
    assert "jax" in pair.halves, "the pair lost its JAX half; pick another pair with one"
    assert parity.check_pair(pair) == []
    edit_body(pair, "jax", parity.perturb)
    problems = parity.check_pair(pair)
    assert problems and all(p.where.startswith("JAX half") for p in problems)


def test_a_jax_half_with_another_title_is_refused(tree: Path) -> None:
    """Lie: a JAX script that claims to show something else under the same pair name."""
    path = pair_in(tree, JAX_KEY).halves["jax"].path
    path.write_text(path.read_text(encoding="utf-8").replace("# title: ", "# title: Not ", 1), encoding="utf-8")
    with pytest.raises(SiteError, match="title differs"):
        discover(tree / "snippets")
