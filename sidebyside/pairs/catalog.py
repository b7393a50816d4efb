"""Find and validate snippet pairs under ``snippets/<topic>/``.

A pair is two complete scripts, ``<pair>.tensorflow.py`` and
``<pair>.pytorch.py``, each with its recorded output ``.out`` beside it.
Each script starts with a short header of ``# key: value`` comment lines:

    # title: Eager execution is the default
    # differs: graph dumps name their ops differently   (optional)
    # timeout: 90                                       (optional, seconds)

Everything that can be wrong with the tree (a missing half, a missing
recording, a bad name, a stray file, a malformed header) is reported as one
SiteError naming the file, so contributors never have to guess.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, read_text

SNIPPETS = ROOT / "snippets"
FRAMEWORKS: dict[str, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}
"""File-name suffix -> label shown to readers (and on the content tabs)."""

NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADER_RE = re.compile(r"^#\s*([a-z_]+):\s*(.*?)\s*$")
HEADER_KEYS = {"title", "differs", "timeout"}
DEFAULT_TIMEOUT = 180
"""Seconds. Generous because CI runs many snippets at once on 2 cores."""


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

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def label(self) -> str:
        return FRAMEWORKS[self.framework]


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


def parse_header(path: Path) -> dict[str, tuple[str, int]]:
    """Read the leading ``# key: value`` lines; returns key -> (value, line)."""
    header: dict[str, tuple[str, int]] = {}
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
        header[key] = (value, number)
    return header


def _load_half(framework: str, path: Path) -> Half:
    header = parse_header(path)
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
    lines = read_text(path).splitlines()
    body_start = max(line for _, line in header.values()) + 1
    while body_start <= len(lines) and not lines[body_start - 1].strip():
        body_start += 1
    return Half(framework, path, header["title"][0], differs, timeout, body_start)


def _split_name(path: Path) -> tuple[str, str, str] | None:
    """``x.tensorflow.py`` -> ("x", "tensorflow", ".py"); None if not a half."""
    parts = path.name.split(".")
    if len(parts) == 3 and parts[1] in FRAMEWORKS and parts[2] in ("py", "out"):
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
            loaded = {fw: _load_half(fw, halves[fw]) for fw in FRAMEWORKS}
            tf_half, pt_half = loaded["tensorflow"], loaded["pytorch"]
            if tf_half.title != pt_half.title:
                problem = f"title differs from its twin ('{pt_half.title}' vs '{tf_half.title}')"
                raise SiteError(pt_half.path, 1, problem, "give both halves the same '# title:'")
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
