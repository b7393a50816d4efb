r"""Find and validate snippet pairs under ``snippets/<topic>/``.

A pair is two complete scripts, ``<pair>.tensorflow.py`` and
``<pair>.pytorch.py``, each with its recorded output ``.out`` beside it.
Each script starts with a short header of ``# key: value`` comment lines:

    # title: Eager execution is the default
    # differs: graph dumps name their ops differently   (optional)
    # same: ^epoch \d+: loss=                           (optional, repeatable)
    # tolerance: 1e-5 (why the default is too tight)    (optional)
    # timeout: 90                                       (optional, seconds)
    # launch: torchrun --standalone --nproc-per-node 2  (optional, one half)

``title``, ``differs``, ``same`` and ``tolerance`` must be identical in both
halves: they describe the pair, not one file.

A pair may add a third, optional half, ``<pair>.jax.py``: the same job on
JAX (or Keras on the JAX backend). It is shown as a third tab, recorded and
re-run like the others, has the same header, and its output is compared with
the TensorFlow half by the same parity rules.

- ``differs`` says why the two outputs cannot be identical. It never switches
  checking off: a ``differs`` pair either lists ``same:`` lines, or is named in
  ``parity.UNCHECKED`` because nothing in it can be compared (error wording,
  graph dumps).
- ``same`` is a Python regular expression (``re.search``) selecting output
  lines that must still match; with capture groups only the captured text is
  compared. Every pattern must select the same number (at least one) of lines
  in both outputs.
- ``tolerance`` widens the relative tolerance used when numbers are compared
  (default ``DEFAULT_REL`` = 1e-6), optionally with an absolute floor:
  ``# tolerance: 1e-5 abs 1e-9 (reason)``. The reason in parentheses is
  required, so a wider tolerance is always explained where it is set.
- ``launch`` names the launcher a reader starts the script with instead of
  ``python``, with its arguments (only ``torchrun`` so far). Tests and
  ``record`` run exactly that command, so a multi-process script is shown as
  its readers write it, with no test harness inside it.

Everything that can be wrong with the tree (a missing half, a missing
recording, a bad name, a stray file, a malformed header) is reported as one
SiteError naming the file, so contributors never have to guess.
"""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, read_text
from sidebyside.pairs.clean_exit import check_clean_exit
from sidebyside.pairs.setup import Region, regions

SNIPPETS = ROOT / "snippets"
FRAMEWORKS: dict[str, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}
OPTIONAL_FRAMEWORKS: dict[str, str] = {"jax": "JAX"}
"""Halves a pair may add to the two required ones; each becomes one more tab."""
LABELS: dict[str, str] = {**FRAMEWORKS, **OPTIONAL_FRAMEWORKS}
"""File-name suffix -> label shown to readers (and on the content tabs)."""

NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADER_RE = re.compile(r"^#\s*([a-z_]+):\s*(.*?)\s*$")
HEADER_KEYS = {"title", "differs", "same", "tolerance", "timeout", "launch"}
REPEATABLE_KEYS = {"same"}
"""Keys that may appear on several header lines (one pattern per line)."""
TOLERANCE_RE = re.compile(r"^(?P<rel>\S+)(?:\s+abs\s+(?P<abs>\S+))?\s+\((?P<reason>[^()]*\S[^()]*)\)$")
MAX_REL = 1e-2
"""A relative tolerance wider than 1% would call different numbers the same."""
DEFAULT_TIMEOUT = 180
"""Seconds. Generous because CI runs many snippets at once on 2 cores."""
LAUNCHERS: dict[str, tuple[str, ...]] = {"torchrun": ("-m", "torch.distributed.run")}
"""``# launch:`` command -> how the test interpreter runs it (``torchrun`` is ``python -m torch.distributed.run``)."""


@dataclass(frozen=True)
class Tolerance:
    """How far apart two printed numbers may be and still count as the same."""

    rel: float
    abs: float = 0.0
    reason: str = ""
    line: int | None = None
    """Header line it came from; None for the default."""

    def close(self, a: float, b: float) -> bool:
        """``|a - b| <= max(rel * max(|a|, |b|), abs)``; equal values (also 0 and -0) always pass."""
        return a == b or abs(a - b) <= max(self.rel * max(abs(a), abs(b)), self.abs)


DEFAULT_REL = 1e-6
DEFAULT_TOLERANCE = Tolerance(DEFAULT_REL)


@dataclass(frozen=True)
class Half:
    """One framework's script of a pair, with where its recording lives."""

    framework: str
    path: Path
    title: str
    differs: str | None
    timeout: int
    body_start: int = 1
    """First line after the header: pages show the code from here, numbered as in the file."""
    same: tuple[tuple[re.Pattern[str], int], ...] = ()
    """``# same:`` patterns with their header line numbers (for file:line errors)."""
    tolerance: Tolerance | None = None
    """``# tolerance:`` from the header, or None for the default."""
    launch: tuple[str, ...] = ()
    """``# launch:`` words (launcher first, then its arguments), or empty for ``python``."""
    setup: tuple[Region, ...] = ()
    """Setup regions the page folds (``sidebyside.pairs.setup``); runs and downloads keep them."""

    @property
    def command(self) -> str:
        """What a reader types to run the downloaded script."""
        return " ".join((*(self.launch or ("python",)), self.path.name))

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def file_key(self) -> str:
        """How records and lists name a half: ``topic/file.py``."""
        return self.path.relative_to(self.path.parents[1]).as_posix()

    @property
    def label(self) -> str:
        return LABELS[self.framework]


@dataclass(frozen=True)
class Pair:
    """A TensorFlow script and its PyTorch twin that do the same job."""

    topic: str
    name: str
    halves: dict[str, Half]

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.name}"

    @property
    def title(self) -> str:
        return self.halves["tensorflow"].title

    @property
    def differs(self) -> str | None:
        """Why the two outputs legitimately differ, or None when they must match."""
        return self.halves["tensorflow"].differs or self.halves["pytorch"].differs

    @property
    def same(self) -> tuple[tuple[re.Pattern[str], int], ...]:
        """The ``# same:`` patterns (identical in both halves), with header lines of the TensorFlow half."""
        return self.halves["tensorflow"].same

    @property
    def tolerance(self) -> Tolerance:
        return self.halves["tensorflow"].tolerance or DEFAULT_TOLERANCE


def parse_header(path: Path) -> dict[str, tuple[str, int]]:
    """Read the leading ``# key: value`` lines; returns key -> (value, line).

    A repeatable key (``same``) keeps its last line here; ``header_lines``
    returns every line.
    """
    return {key: values[-1] for key, values in header_lines(path).items()}


def header_lines(path: Path) -> dict[str, list[tuple[str, int]]]:
    """Every ``# key: value`` header line, key -> [(value, line), ...] in file order."""
    header: dict[str, list[tuple[str, int]]] = {}
    lines = read_text(path).splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        if number == 1 and line.startswith("#!"):
            continue
        match = HEADER_RE.match(line)
        if not match:
            if header:
                break  # header ended; an ordinary comment follows
            raise SiteError(
                path, number, "malformed header line",
                "start the file with '# title: <what this pair shows>'",
            )
        key, value = match.groups()
        if key not in HEADER_KEYS:
            raise SiteError(path, number, f"unknown header key '{key}'", f"use one of {sorted(HEADER_KEYS)}")
        if key in header and key not in REPEATABLE_KEYS:
            raise SiteError(path, number, f"header key '{key}' appears twice", "keep one line")
        header.setdefault(key, []).append((value, number))
    return header


def parse_same(path: Path, lines: list[tuple[str, int]]) -> tuple[tuple[re.Pattern[str], int], ...]:
    """Compile each ``# same:`` pattern; a bad one is a SiteError at its line."""
    patterns = []
    for value, line in lines:
        if not value:
            raise SiteError(path, line, "'# same:' needs a pattern", "write a regular expression selecting output lines, e.g. '# same: ^epoch \\d+: loss='")
        try:
            patterns.append((re.compile(value), line))
        except re.error as error:
            raise SiteError(path, line, f"'# same:' pattern does not compile: {error}", "fix the regular expression") from None
    return tuple(patterns)


def parse_tolerance(path: Path, value: str, line: int) -> Tolerance:
    """``<rel> [abs <abs>] (<reason>)`` -> Tolerance; anything else is a SiteError at ``line``."""
    fix = "write e.g. '# tolerance: 1e-5 (float32 sums in a different order)' or '# tolerance: 1e-5 abs 1e-9 (reason)'"
    match = TOLERANCE_RE.match(value)
    if not match:
        raise SiteError(path, line, f"tolerance '{value}' is not '<relative> [abs <absolute>] (<reason>)'", fix)
    try:
        rel = float(match["rel"])
        absolute = float(match["abs"]) if match["abs"] else 0.0
    except ValueError:
        raise SiteError(path, line, f"tolerance '{value}' has a value that is not a number", fix) from None
    if not 0 < rel <= MAX_REL or not 0 <= absolute <= MAX_REL:
        raise SiteError(path, line, f"tolerance '{value}' is outside (0, {MAX_REL}]",
                        "a wider tolerance would call different numbers the same; use 'differs:' with 'same:' lines instead")
    return Tolerance(rel, absolute, match["reason"].strip(), line)


def parse_launch(path: Path, value: str, line: int) -> tuple[str, ...]:
    """``# launch: torchrun --nproc-per-node 2`` -> its words; the launcher must be one CI knows how to start."""
    try:
        words = tuple(shlex.split(value))
    except ValueError as error:
        raise SiteError(path, line, f"launch '{value}' cannot be split into words ({error})", "close the quote") from None
    if not words or words[0] not in LAUNCHERS:
        raise SiteError(path, line, f"unknown launcher '{words[0] if words else ''}'",
                        f"start the line with one of {sorted(LAUNCHERS)}, e.g. '# launch: torchrun --standalone --nproc-per-node 2'")
    return words


def _load_half(framework: str, path: Path) -> Half:
    lines_by_key = header_lines(path)
    header = {key: values[-1] for key, values in lines_by_key.items()}
    if "title" not in header or not header["title"][0]:
        raise SiteError(path, 1, "header has no '# title:' line", "add '# title: <what this pair shows>' as line 1")
    timeout = DEFAULT_TIMEOUT
    if "timeout" in header:
        value, line = header["timeout"]
        if not value.isdigit() or int(value) <= 0:
            raise SiteError(path, line, f"timeout '{value}' is not a positive whole number of seconds", "write e.g. '# timeout: 60'")
        timeout = int(value)
    differs = header["differs"][0] if "differs" in header else None
    if differs == "":
        raise SiteError(path, header["differs"][1], "'# differs:' needs a reason", "say why the outputs must differ")
    same = parse_same(path, lines_by_key.get("same", []))
    tolerance = parse_tolerance(path, *header["tolerance"]) if "tolerance" in header else None
    launch = parse_launch(path, *header["launch"]) if "launch" in header else ()
    if launch:
        check_clean_exit(path, read_text(path))
    lines = read_text(path).splitlines()
    body_start = max(line for values in lines_by_key.values() for _, line in values) + 1
    while body_start <= len(lines) and not lines[body_start - 1].strip():
        body_start += 1
    return Half(framework, path, header["title"][0], differs, timeout, body_start, same, tolerance, launch,
                regions(path, lines, body_start))


def _check_twins(tf_half: Half, pt_half: Half) -> None:
    """Keys that describe the pair must read the same in both halves."""
    if tf_half.title != pt_half.title:
        problem = f"title differs from its twin ('{pt_half.title}' vs '{tf_half.title}')"
        raise SiteError(pt_half.path, 1, problem, "give both halves the same '# title:'")
    tf_same = [p.pattern for p, _ in tf_half.same]
    pt_same = [p.pattern for p, _ in pt_half.same]
    if tf_same != pt_same:
        line = pt_half.same[0][1] if pt_half.same else 1
        raise SiteError(pt_half.path, line, f"'# same:' lines differ from its twin ({pt_same} vs {tf_same})",
                        "give both halves the same '# same:' lines in the same order")
    tf_tol = (tf_half.tolerance.rel, tf_half.tolerance.abs) if tf_half.tolerance else None
    pt_tol = (pt_half.tolerance.rel, pt_half.tolerance.abs) if pt_half.tolerance else None
    if tf_tol != pt_tol:
        line = pt_half.tolerance.line if pt_half.tolerance else 1
        raise SiteError(pt_half.path, line, "'# tolerance:' differs from its twin", "give both halves the same '# tolerance:' line")
    if tf_half.same and not (tf_half.differs or pt_half.differs):
        raise SiteError(tf_half.path, tf_half.same[0][1], "'# same:' without '# differs:'",
                        "a pair without 'differs' is compared in full; remove the 'same:' lines")


def _split_name(path: Path) -> tuple[str, str, str] | None:
    """``x.tensorflow.py`` -> ("x", "tensorflow", ".py"); None if not a half."""
    parts = path.name.split(".")
    if len(parts) == 3 and parts[1] in LABELS and parts[2] in ("py", "out"):
        return parts[0], parts[1], "." + parts[2]
    return None


def discover(root: Path = SNIPPETS, require_outputs: bool = True) -> dict[str, Pair]:
    """Return every pair under ``root`` keyed by ``topic/pair``; raise on any defect."""
    pairs: dict[str, Pair] = {}
    if not root.is_dir():
        return pairs
    for topic_dir in sorted(p for p in root.iterdir() if p.name != "__pycache__"):
        if not topic_dir.is_dir():
            raise SiteError(topic_dir, None, "stray file in snippets/", "snippets live in snippets/<topic>/<pair>.<framework>.py")
        if not NAME_RE.match(topic_dir.name):
            raise SiteError(topic_dir, None, f"topic name '{topic_dir.name}' is not lowercase-hyphen", "rename it, e.g. 'execution-model'")
        found: dict[str, dict[str, Path]] = {}
        outs: list[Path] = []
        for path in sorted(topic_dir.iterdir()):
            if path.name == "__pycache__":
                continue
            split = _split_name(path)
            if split is None:
                raise SiteError(path, None, "file does not belong to a pair", "name it <pair>.tensorflow.py or <pair>.pytorch.py, or remove it")
            name, framework, suffix = split
            if not NAME_RE.match(name):
                raise SiteError(path, None, f"pair name '{name}' is not lowercase-hyphen", "rename it, e.g. 'eager-by-default'")
            if suffix == ".out":
                outs.append(path)
            else:
                found.setdefault(name, {})[framework] = path
        for out in outs:
            if not out.with_suffix(".py").exists():
                raise SiteError(out, None, "orphan recording: its script does not exist", "delete it or restore the script")
        for name, halves in found.items():
            for framework in FRAMEWORKS:
                if framework not in halves:
                    other = next(iter(halves.values()))
                    missing = topic_dir / f"{name}.{framework}.py"
                    raise SiteError(other, None, f"pair '{topic_dir.name}/{name}' has no {FRAMEWORKS[framework]} half ({missing.name})",
                                    f"run: python -m sidebyside new {topic_dir.name}/{name} (it adds only the missing half)")
            loaded = {fw: _load_half(fw, halves[fw]) for fw in LABELS if fw in halves}
            for framework, half in loaded.items():
                if framework != "tensorflow":
                    _check_twins(loaded["tensorflow"], half)
            if require_outputs:
                for half in loaded.values():
                    if not half.out_path.exists():
                        raise SiteError(half.path, None, "no recorded output", f"run: python -m sidebyside record {topic_dir.name}/{name}")
            pair = Pair(topic_dir.name, name, loaded)
            pairs[pair.key] = pair
    return pairs


def suggest(key: str, known: list[str]) -> str:
    """A 'did you mean' hint for an unknown pair key."""
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.4)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "run 'python -m sidebyside check' to list the pairs"
