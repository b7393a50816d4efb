"""Promise 2 as library code: what "the two halves print the same" means.

One set of functions serves the test suite, ``python -m sidebyside check``
and the tests that plant lies, so a check cannot be weaker in one place than
in another.

- **Full parity** (no ``differs:``): both outputs have the same lines; in each
  line the text around the numbers is identical, whole numbers are equal and
  every other number agrees within the pair's tolerance (``catalog.DEFAULT_REL`` = 1e-6 relative unless
  the header widens it with a reason).
- **same:-checked** (``differs:`` plus ``# same:`` patterns): every pattern
  selects the same number of lines (at least one) in both outputs, and those
  lines (or their capture groups) are compared the same way.
- **Unchecked**: only the pairs named in ``UNCHECKED``, whose outputs cannot
  be compared at all, with the reason. A ``differs:`` pair that is in neither
  group is an error: ``differs`` explains a difference, it never hides one.

Compared lines must not hold a normaliser placeholder (a rewritten value
could hide a difference), and a computed number must be printed with enough
digits that a 1e-5 relative change shows (``coarse_numbers``).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import zip_longest

from sidebyside.errors import SiteError
from sidebyside.pairs.catalog import Pair, Tolerance
from sidebyside.pairs.normalise import placeholders_in

UNCHECKED: dict[str, str] = {
    "data-pipelines/seeded-shuffle": "each framework's random number generator gives its own order for the same seed",
    "deployment/exporter-status": "each framework has its own exporters, file lists and error messages",
    "execution-model/inspect-the-graph": "a graph dump: each framework names its operations in its own vocabulary",
}
"""The only pairs whose outputs are not compared at all: key -> why nothing can match."""

VISIBLE_REL = 1e-5
"""A computed number must be printed so that a change of this relative size shows."""

NUMBER_RE = re.compile(
    r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][-+]?\d+)?(?![\w])"
)
"""A number as printed: optional sign, digits (with thousands commas), fraction, exponent.
Digits inside a word (float32, conv2d_1, 12x8) are text, compared exactly."""

KINDS = ("full", "same", "unchecked")


LABELS: tuple[str, str] = ("TensorFlow", "PyTorch")
"""The two halves compared by default; a JAX half is compared as ("TensorFlow", "JAX")."""


@dataclass(frozen=True)
class Mismatch:
    """One place where two outputs disagree: each side's text under its own framework's label."""

    where: str
    left: str
    right: str
    why: str
    labels: tuple[str, str] = LABELS

    def __str__(self) -> str:
        width = max(len(label) for label in self.labels) + 1
        sides = "".join(f"\n  {label + ':':<{width}} {text}" for label, text in zip(self.labels, (self.left, self.right), strict=True))
        return f"{self.where}: {self.why}{sides}"

    def one_line(self) -> str:
        """``where: why (TensorFlow: ...; PyTorch: ...)`` for a one-line error (a line-count diff is left out)."""
        return f"{self.where}: {self.why.splitlines()[0]} ({self.labels[0]}: {self.left}; {self.labels[1]}: {self.right})"


def split_numbers(text: str) -> tuple[str, list[str]]:
    """``'loss=1.25 (3 steps)'`` -> (``'loss={} ({} steps)'``, ['1.25', '3'])."""
    numbers = [m.group() for m in NUMBER_RE.finditer(text)]
    skeleton = NUMBER_RE.sub("{}", text.replace("{}", "{{}}"))
    return skeleton, numbers


def is_integer(token: str) -> bool:
    """Printed without a fraction or exponent: a count, shape or index, compared exactly."""
    return not any(c in token for c in ".eE")


def to_float(token: str) -> float:
    return float(token.replace(",", ""))


def decimals(token: str) -> int:
    """Digits after the decimal point of a printed number (0 for a whole number)."""
    return len(token.lower().partition("e")[0].partition(".")[2])


def fixed_formats_differ(a: str, b: str) -> bool:
    """Two halves printing one value with different fixed formats (``:.2f`` against ``:.3f``).

    A fraction ending in 0 was printed with a fixed number of decimals
    (``:.8g`` drops trailing zeros), so a different count on the other side
    is a different format, not a shorter value.
    """
    if is_integer(a) or is_integer(b) or decimals(a) == decimals(b):
        return False
    return any(decimals(t) and t.lower().partition("e")[0].endswith("0") for t in (a, b))


def compare_text(tf_text: str, pt_text: str, tolerance: Tolerance) -> str | None:
    """Why two lines (or captured parts) differ, or None when they match."""
    tf_skeleton, tf_numbers = split_numbers(tf_text)
    pt_skeleton, pt_numbers = split_numbers(pt_text)
    if tf_skeleton != pt_skeleton or len(tf_numbers) != len(pt_numbers):
        return "text differs"
    for a, b in zip(tf_numbers, pt_numbers, strict=True):
        x, y = to_float(a), to_float(b)
        if fixed_formats_differ(a, b):
            return (f"{a} vs {b}: printed with {decimals(a)} and {decimals(b)} decimals; "
                    "print both halves with the same format")
        if is_integer(a) and is_integer(b):
            if x != y:
                return f"{a} vs {b}: whole numbers (counts, shapes, indices) must be equal"
        elif not tolerance.close(x, y):
            relative = abs(x - y) / max(abs(x), abs(y))
            return (f"{a} vs {b} differ by {relative:.2g} relative, beyond the tolerance "
                    f"(rel {tolerance.rel:g}" + (f", abs {tolerance.abs:g}" if tolerance.abs else "") + ")")
    left = placeholders_in(tf_text) + placeholders_in(pt_text)
    if left:
        return f"compared text holds the placeholder '{left[0]}': print no timings or addresses in compared lines"
    return None


def compare_outputs(tf_out: str, pt_out: str, tolerance: Tolerance, labels: tuple[str, str] = LABELS) -> list[Mismatch]:
    """Full parity: same number of lines, each line matching (``compare_text``)."""
    tf_lines, pt_lines = tf_out.splitlines(), pt_out.splitlines()
    problems: list[Mismatch] = []
    if len(tf_lines) != len(pt_lines):
        diff = "".join(difflib.unified_diff(
            [line + "\n" for line in tf_lines], [line + "\n" for line in pt_lines],
            fromfile=labels[0], tofile=labels[1], n=1,
        ))
        problems.append(Mismatch("output", f"{len(tf_lines)} lines", f"{len(pt_lines)} lines",
                                 f"different number of lines\n{diff}", labels))
        return problems
    for number, (tf_line, pt_line) in enumerate(zip(tf_lines, pt_lines, strict=True), start=1):
        why = compare_text(tf_line, pt_line, tolerance)
        if why:
            problems.append(Mismatch(f"output line {number}", tf_line, pt_line, why, labels))
    return problems


def select(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Lines ``pattern`` finds; with capture groups, the captured parts joined by ' | '."""
    chosen = []
    for line in text.splitlines():
        match = pattern.search(line)
        if match:
            chosen.append(" | ".join(g or "" for g in match.groups()) if pattern.groups else line)
    return chosen


def compare_same(pair: Pair, tf_out: str, pt_out: str, labels: tuple[str, str] = LABELS,
                 tolerance: Tolerance | None = None) -> list[Mismatch]:
    """``same:`` parity (within ``tolerance``, else the pair's); a pattern that selects no line is a SiteError at its header line."""
    tolerance = tolerance or pair.tolerance
    problems: list[Mismatch] = []
    tf_path = pair.halves["tensorflow"].path
    for pattern, line in pair.same:
        tf_lines, pt_lines = select(tf_out, pattern), select(pt_out, pattern)
        if not tf_lines or not pt_lines:
            side = labels[0] if not tf_lines else labels[1]
            raise SiteError(tf_path, line, f"'# same: {pattern.pattern}' matches no line of the {side} output",
                            "fix the pattern so it selects the lines that must match in both recordings")
        where = f"same: {pattern.pattern}"
        if len(tf_lines) != len(pt_lines):
            problems.append(Mismatch(where, f"{len(tf_lines)} lines", f"{len(pt_lines)} lines",
                                     "the pattern selects a different number of lines in each output", labels))
            continue
        for tf_line, pt_line in zip(tf_lines, pt_lines, strict=True):
            why = compare_text(tf_line, pt_line, tolerance)
            if why:
                problems.append(Mismatch(where, tf_line, pt_line, why, labels))
    return problems


def kind(pair: Pair) -> str:
    """'full', 'same' or 'unchecked'; a ``differs:`` pair in neither group is a SiteError."""
    half = pair.halves["tensorflow"]
    if pair.key in UNCHECKED and (not pair.differs or pair.same):
        raise SiteError(half.path, 1, f"'{pair.key}' is listed in parity.UNCHECKED but is compared",
                        "remove it from UNCHECKED in sidebyside/pairs/parity.py")
    if not pair.differs:
        return "full"
    if pair.same:
        return "same"
    if pair.key in UNCHECKED:
        return "unchecked"
    raise SiteError(half.path, 1, "'# differs:' without '# same:' switches parity off for the whole pair",
                    "add '# same: <regex>' lines (both halves) selecting the output lines that must still match; "
                    "only pairs with nothing comparable (error wording, graph dumps) go in UNCHECKED "
                    "in sidebyside/pairs/parity.py")


def compare(pair: Pair, tf_out: str, pt_out: str, digits: bool = True, labels: tuple[str, str] = LABELS) -> list[Mismatch]:
    """Every parity problem of ``pair`` given its two output bodies (without the version line).

    ``digits=False`` skips the printed-precision rule, for callers that only ask
    whether new outputs still agree (the canary), not whether the snippet is well written.
    """
    pair_kind = kind(pair)
    if pair_kind == "full":
        problems = compare_outputs(tf_out, pt_out, pair.tolerance, labels)
    elif pair_kind == "same":
        problems = compare_same(pair, tf_out, pt_out, labels)
    else:
        return []
    if digits and not problems:
        problems += wide_tolerance(pair, tf_out, pt_out, labels)
    coarse = [coarse_by_line(compared_lines(pair, out)) for out in (tf_out, pt_out)] if digits else []
    if any(coarse):
        problems.append(Mismatch("digits", *(shown or "fine" for shown in coarse), (
            f"printed with too few digits for a {VISIBLE_REL:g} relative change to show; "
            "print computed values with e.g. f'{v:.8g}' or np.round(x, 8)"), labels))
    return problems


NEEDED_FACTOR = 10.0
"""A declared tolerance may be at most this many times wider than the largest difference the outputs show."""


def wide_tolerance(pair: Pair, tf_out: str, pt_out: str, labels: tuple[str, str] = LABELS) -> list[Mismatch]:
    """A ``# tolerance:`` must be needed: the outputs must fail a tolerance ``NEEDED_FACTOR`` times narrower.

    A tolerance far wider than the difference it excuses would let a later
    real difference (a changed hyperparameter, a wrong default) pass as
    rounding, so it is held to the recorded outputs.
    """
    declared = pair.tolerance
    if declared.line is None:
        return []
    narrow = Tolerance(declared.rel / NEEDED_FACTOR, declared.abs / NEEDED_FACTOR)
    if kind(pair) == "full":
        still = compare_outputs(tf_out, pt_out, narrow, labels)
    else:
        still = compare_same(pair, tf_out, pt_out, labels, narrow)
    if still:
        return []
    rel, absolute = largest_difference(pair, tf_out, pt_out)
    shown = f"rel {declared.rel:g}" + (f", abs {declared.abs:g}" if declared.abs else "")
    return [Mismatch(f"tolerance (line {declared.line})", f"{shown} declared", f"largest difference rel {rel:.2g}, abs {absolute:.2g}",
                     f"the declared tolerance is more than {NEEDED_FACTOR:g}x wider than any difference between the outputs; "
                     f"narrow it to at most {NEEDED_FACTOR:g}x the largest difference, or remove it", labels)]


def largest_difference(pair: Pair, tf_out: str, pt_out: str) -> tuple[float, float]:
    """(relative, absolute) largest gap between the compared numbers of two outputs that parity holds to each other."""
    rel = absolute = 0.0
    for (_, tf_text), (_, pt_text) in zip(compared_lines(pair, tf_out), compared_lines(pair, pt_out), strict=False):
        for a, b in zip(split_numbers(tf_text)[1], split_numbers(pt_text)[1], strict=False):
            x, y = to_float(a), to_float(b)
            if not (math.isfinite(x) and math.isfinite(y)) or x == y:
                continue
            absolute = max(absolute, abs(x - y))
            rel = max(rel, abs(x - y) / max(abs(x), abs(y)))
    return rel, absolute


def compared_lines(pair: Pair, out: str) -> list[tuple[int, str]]:
    """(output line number, compared text) of one output: every line, or what the ``same:`` patterns select."""
    numbered = list(enumerate(out.splitlines(), start=1))
    if not pair.same:
        return numbered
    return [(number, text) for pattern, _ in pair.same for number, line in numbered for text in select(line, pattern)]


def coarse_by_line(lines: list[tuple[int, str]]) -> str:
    """``'line 2: 0.3015; line 5: 1.0000'``: the coarse numbers of one side with their output lines (first 5)."""
    found = [(number, token) for number, text in lines for token in coarse_numbers([text])]
    shown = "; ".join(f"line {number}: {token}" for number, token in found[:5])
    return shown + (" ..." if len(found) > 5 else "")


def check_outputs(pair: Pair, outputs: Mapping[str, str]) -> list[Mismatch]:
    """Parity of output bodies by framework (recorded or just run); a JAX half is held to the TensorFlow half too."""
    problems = compare(pair, outputs["tensorflow"], outputs["pytorch"])
    if "jax" in outputs:
        problems += [Mismatch(f"JAX half, {m.where}", m.left, m.right, m.why, m.labels)
                     for m in compare(pair, outputs["tensorflow"], outputs["jax"], labels=("TensorFlow", "JAX"))]
    return problems


def check_pair(pair: Pair) -> list[Mismatch]:
    """Parity of the recorded outputs of ``pair`` (``read_recording`` is imported here to keep catalog import-light)."""
    from sidebyside.pairs.runner import read_recording

    return check_outputs(pair, {framework: read_recording(half)[1] for framework, half in pair.halves.items()})


def report(pair: Pair, problems: list[Mismatch]) -> str:
    """A message for a failed pair, ending with how to fix it."""
    body = "\n".join(str(p) for p in problems)
    return (f"{pair.key}: the outputs do not match\n{body}\n"
            "make both halves print the same values with enough digits; a real difference needs "
            "'# differs: <why>' with '# same:' lines for what still matches, or '# tolerance: <rel> (<reason>)'")


def coarse_numbers(lines: Iterable[str], rel: float = VISIBLE_REL) -> list[str]:
    """Rounded-looking numbers whose last printed digit is coarser than ``rel`` of the value.

    A number with 3 or more decimals and 4 or more significant digits looks
    like a computed value cut to a fixed precision: ``0.3015`` or ``1.0000``
    hides a change of 1e-5 relative, ``0.30151234`` shows it. Short exact
    values (``2.0``, ``0.025``, ``0.00625``, ``1e-05``) and integers pass.
    """
    coarse = []
    for line in lines:
        for token in NUMBER_RE.findall(line):
            mantissa, _, exponent = token.replace(",", "").lower().partition("e")
            fraction = mantissa.partition(".")[2]
            significant = len(mantissa.lstrip("+-").replace(".", "").lstrip("0"))
            if len(fraction) < 3 or significant < 4:
                continue
            value = to_float(token)
            if value == 0 or math.isinf(value):
                continue
            unit = 10.0 ** (-len(fraction) + (int(exponent) if exponent else 0))
            if unit > rel * abs(value):
                coarse.append(token)
    return coarse


def perturb(text: str, rel: float = VISIBLE_REL) -> str:
    """Scale every non-integer number in ``text`` by ``1 + rel``, printed with its own precision.

    This is what a recording would show if every computed value changed by
    ``rel``: used to prove that parity sees a change that small.
    """
    def scaled(match: re.Match[str]) -> str:
        token = match.group()
        mantissa, _, exponent = token.lower().partition("e")
        if "." not in mantissa or "," in mantissa:
            return token
        decimals = len(mantissa.partition(".")[2])
        value = float(token) * (1 + rel)
        if exponent:
            return f"{value:.{decimals}e}"
        return f"{value:.{decimals}f}"

    return NUMBER_RE.sub(scaled, text)


def classify(pairs: Iterable[Pair]) -> dict[str, list[str]]:
    """Pair keys by kind: 'full', 'same', 'unchecked'."""
    groups: dict[str, list[str]] = {k: [] for k in KINDS}
    for pair in pairs:
        groups[kind(pair)].append(pair.key)
    return groups


def shares(pairs: Iterable[Pair]) -> str:
    """One line: how many pairs are fully compared, same:-checked and unchecked."""
    groups = classify(pairs)
    total = sum(len(v) for v in groups.values()) or 1
    parts = [f"{len(groups[k])} {label} ({100 * len(groups[k]) / total:.0f}%)"
             for k, label in (("full", "full parity"), ("same", "same:-checked"), ("unchecked", "unchecked"))]
    return "parity: " + ", ".join(parts)


HOST_NOISE = 2e-5
"""How far a printed decimal may move between two CPUs running the same pinned code: float32 sums and
matmuls round differently with the host's vector instructions (an AMD host reprinted recordings made on
another host with relative differences up to 9.4e-6, after training loops). Words, integers and the
number of lines must match exactly."""

def host_tolerance(line: str) -> Tolerance:
    """``HOST_NOISE`` relative to each number, and to the largest decimal on its line.

    Numbers printed on one line (a row of logits) come from one computation,
    and their rounding error scales with the largest of them: a logit of
    0.0417 beside one of -2.34 moved by 2.4e-5 of itself between two CPUs.
    """
    decimals = [abs(to_float(token)) for token in split_numbers(line)[1] if not is_integer(token)]
    return Tolerance(rel=HOST_NOISE, abs=HOST_NOISE * max(decimals, default=0.0), reason="the same code on another host")


def moved_lines(recorded: str, fresh: str) -> list[tuple[int, str, str]]:
    """(line number, recorded line, fresh line) for each line that moved beyond host noise; a missing line is ''."""
    pairs = zip_longest(recorded.splitlines(), fresh.splitlines(), fillvalue="")
    return [(number, old, new) for number, (old, new) in enumerate(pairs, start=1)
            if old != new and compare_text(old, new, host_tolerance(old)) is not None]


def within_host_noise(recorded: str, fresh: str) -> bool:
    """Whether ``fresh`` is ``recorded`` line for line, up to ``HOST_NOISE`` under the pairs' own number rules."""
    return not moved_lines(recorded, fresh)


def stale_diff(recorded: str, fresh: str, name: str) -> str:
    """The snippet-vs-recording check: '' when a fresh run printed the recording (up to host noise), else a diff."""
    if recorded == fresh or within_host_noise(recorded, fresh):
        return ""
    return "".join(difflib.unified_diff(
        recorded.splitlines(keepends=True), fresh.splitlines(keepends=True),
        fromfile=f"{name} (recorded)", tofile=f"{name} (this run)",
    ))
