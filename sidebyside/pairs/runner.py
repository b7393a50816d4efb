"""Run one snippet the way a reader would: ``python file.py`` in a clean process.

Each run gets a fresh temporary working directory, CPU only, fixed thread
counts, a fixed hash seed and quiet framework logging, so the recorded
output is the program's own and repeats from run to run. The framework
version written into the recording is read from the same interpreter that
ran the snippet, never typed by hand.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, read_text, undecodable_line
from sidebyside.pairs.catalog import LABELS, LAUNCHERS, Half
from sidebyside.pairs.normalise import normalise
from sidebyside.pairs.parity import moved_lines

DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "tensorflow": ("tensorflow-cpu", "tensorflow"),
    "pytorch": ("torch",),
    "jax": ("jax",),
}
"""Framework -> installed distribution names to read the version from."""

MODULES: dict[str, str] = {"tensorflow": "tensorflow", "pytorch": "torch", "jax": "jax"}
"""Framework -> the module a snippet imports; ``record`` checks it is importable first."""

MAX_OUTPUT_BYTES = 200_000
"""A recording is shown on a page: more than this is a dump, not something a reader reads."""

RUN_ENV: dict[str, str] = {
    "CUDA_VISIBLE_DEVICES": "",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "2",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "MPLBACKEND": "Agg",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "NO_ALBUMENTATIONS_UPDATE": "1",
}
"""Environment for every snippet run: determinism and silence, nothing hidden."""


@dataclass(frozen=True)
class Result:
    """What one run produced, ready to compare or to write as ``.out``."""

    half: Half
    version: str
    output: str

    @property
    def recording(self) -> str:
        return f"# tested with {self.half.label} {self.version}\n{self.output}"


def framework_version(framework: str) -> str:
    """Version of the installed framework, read from package metadata."""
    for dist in DISTRIBUTIONS[framework]:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    raise _not_installed(framework)


def public_version(version: str) -> str:
    """``2.13.0+cpu`` -> ``2.13.0``: the local build tag names the wheel's source, not the release.

    PyPI's default wheel says ``2.13.0``, this machine's CPU wheel ``2.13.0+cpu``;
    both are the same release, so version comparisons use the public part.
    """
    return version.split("+", 1)[0]


def require_frameworks(frameworks: set[str]) -> None:
    """Stop before running anything when this interpreter cannot import a framework."""
    for framework in sorted(frameworks):
        if importlib.util.find_spec(MODULES[framework]) is None:
            raise _not_installed(framework)
        framework_version(framework)


def _not_installed(framework: str) -> SiteError:
    label = LABELS[framework]
    return SiteError(
        "<environment>", None,
        f"{label} is not importable by {sys.executable} (module '{MODULES[framework]}' not found)",
        "create the test environment with 'make venv', then run the command with .venv/bin/python",
    )


LAUNCH_LOCK = Path(tempfile.gettempdir()) / "sidebyside-launch.lock"
"""Launched snippets (torchrun) take turns machine-wide: two ``--standalone`` rendezvous started at once
(two test workers) can pick the same free port, and one of them then fails before any child runs."""


@contextlib.contextmanager
def _one_launch_at_a_time(half: Half) -> Iterator[None]:
    if not half.launch:
        yield
        return
    with LAUNCH_LOCK.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(half: Half, timeout: int | None = None, env: dict[str, str] | None = None) -> Result:
    """Execute ``half`` once (``env`` over its usual environment) and return its normalised stdout; raise SiteError on failure."""
    with _one_launch_at_a_time(half):
        output = _execute(half, timeout or half.timeout, env or {})
    return Result(half, framework_version(half.framework), output)


OTHER_CPU: dict[str, str] = {
    "ONEDNN_MAX_CPU_ISA": "AVX2",  # oneDNN: matmuls and convolutions, in both frameworks
    "MKL_ENABLE_INSTRUCTIONS": "AVX2",  # MKL's BLAS, under PyTorch's matmuls
}
"""The math libraries' kernels as on a CPU without AVX-512. Recordings must survive a move between hosts
(CI machines vary): with oneDNN limited so, an AVX-512 Intel host reprinted, digit for digit, the float32 noise
that an AMD EPYC host had recorded for a TensorFlow half, where its default run printed other noise. PyTorch's
own kernels (``ATEN_CPU_CAPABILITY``) are left alone: limiting them also changes the code Inductor generates,
and no host has shown that difference."""

CPU_DEPENDENT: dict[str, str] = {
    "mixed-precision-and-quantization/int8-dynamic-range.pytorch.py":
        "oneDNN's int8 matmul without AVX-512 VNNI: 425 of 450 correct and 19 predictions changed, against 438 and 0",
}
"""Halves whose output depends on the CPU's instruction set by design, with what moves: recording repeats them
on the same kernels instead of ``OTHER_CPU``'s."""


def run_twice(half: Half, timeout: int | None = None) -> Result:
    """Execute ``half`` twice, the second time with ``OTHER_CPU``'s kernels; refuse output that moves, naming the lines.

    An unseeded draw, a printed timestamp or the printed size of float32
    rounding would otherwise be recorded and fail the next test run, here or
    on another host, with advice to re-record, which cannot help. The two
    outputs are compared as a test run compares a recording
    (``parity.moved_lines``: up to host noise), so the check asks no more
    than the suite will.
    """
    first = run(half, timeout)
    dependent = half.file_key in CPU_DEPENDENT
    second = run(half, timeout, None if dependent else OTHER_CPU)
    moved = moved_lines(first.output, second.output)
    if moved:
        shown = ", ".join(str(number) for number, _, _ in moved[:5]) + (" ..." if len(moved) > 5 else "")
        _, a, b = moved[0]
        how = ("used the same kernels (CPU_DEPENDENT)" if dependent
               else "limited its kernels to AVX2, as a CPU without AVX-512 runs them")
        raise SiteError(
            half.path, None, f"output differs between two runs on output line(s) {shown} ({a!r} then {b!r}); "
            f"the second run {how}",
            "seed every random source, do not print times, dates or ids, and print a value that is float32 "
            "rounding (a difference that is zero in exact arithmetic) as the bound it is checked against",
        )
    return first


PYCACHE = os.environ.get("PYTHONPYCACHEPREFIX") or str(ROOT / ".cache" / "pycache")
"""Where every process of the project keeps bytecode (outside the source tree): compiled once, by the first
importer, then shared. The Makefile sets the same; venvs are installed without compiling."""


def base_env(**overrides: str) -> dict[str, str]:
    """``RUN_ENV`` over ours, then ``overrides``: what every snippet process, fork server, notebook
    kernel and conversion cell starts from (the one place these settings are written)."""
    env = {**os.environ, **RUN_ENV, "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("KERAS_BACKEND", None)  # snippets choose their backend themselves
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # without a cache every process would compile its imports again
    return {**env, **overrides}


def snippet_env(workdir: str, **overrides: str) -> dict[str, str]:
    """The environment of one snippet run: ``base_env`` with home and caches inside its own ``workdir``.

    Forked and fresh runs both use it, so they cannot drift apart.
    """
    return {**base_env(), "KERAS_HOME": os.path.join(workdir, ".keras"),
            "MPLCONFIGDIR": os.path.join(workdir, ".mpl"), "HOME": workdir, **overrides}


def argv(half: Half) -> list[str]:
    """The command that runs ``half``: ``python file.py``, or its ``# launch:`` launcher with this interpreter."""
    path = str(half.path.resolve())
    if not half.launch:
        return [sys.executable, path]
    return [sys.executable, *LAUNCHERS[half.launch[0]], *half.launch[1:], path]


@dataclass(frozen=True)
class Completed:
    """What a finished snippet process left, before any check: the same shape from a fresh run and a fork."""

    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool = False


def checked_output(half: Half, limit: float, done: Completed, workdir: str) -> str:
    """The one validator of a snippet run (fresh or forked): its normalised stdout, or the SiteError that refuses it."""
    if done.timed_out:
        raise SiteError(half.path, None, f"snippet did not finish within {limit:g} s", "make it faster or raise '# timeout: N' in its header")
    if done.returncode != 0:
        line, summary = failure(done.stderr.decode("utf-8", errors="replace"), half.path)
        raise SiteError(
            half.path, line, f"snippet exited with status {done.returncode}: {summary}",
            f"fix the script and check it with: {shlex.join(argv(half))}",
        )
    if len(done.stdout) > MAX_OUTPUT_BYTES:
        raise SiteError(
            half.path, None, f"printed {len(done.stdout)} bytes, over the {MAX_OUTPUT_BYTES}-byte limit for a recording",
            "print a summary (shapes, a few values), not whole tensors",
        )
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SiteError(
            half.path, None, f"output line {undecodable_line(done.stdout, exc)} is not UTF-8 text",
            "print str or repr() of bytes, not raw bytes",
        ) from None
    return normalise(text, workdir=os.path.realpath(workdir)).replace(workdir, "<workdir>")


def _execute(half: Half, limit: int, env: dict[str, str]) -> str:
    with tempfile.TemporaryDirectory(prefix="sbs-run-") as workdir:
        # A session of its own, so the timeout can end every process the snippet started.
        proc = subprocess.Popen(
            argv(half),
            cwd=workdir, env=snippet_env(workdir, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=limit)
            done = Completed(proc.returncode, stdout, stderr)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.communicate()
            done = Completed(-9, b"", b"", timed_out=True)
        finally:
            _kill_group(proc)  # children left behind by a snippet that exited
        return checked_output(half, limit, done, workdir)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


_RANK_PREFIX = re.compile(r"^\[rank\d+\]:\s?")
"""torchrun's prefix on each line a rank writes to stderr."""


def failure(stderr: str, path: Path) -> tuple[int | None, str]:
    """The snippet's own failing line and error: from the last traceback that passes through ``path``.

    A launcher (torchrun) prints its children's tracebacks, then a traceback
    and an error box of its own; the children's error is the one to report.
    Without any traceback through the script (``SystemExit("...")``), the
    last line of stderr is all there is.
    """
    marker = f'File "{path.resolve()}", line '
    lines = stderr.splitlines()
    found: tuple[int | None, str] | None = None
    for start, text in enumerate(lines):
        if _RANK_PREFIX.sub("", text).strip() != "Traceback (most recent call last):":
            continue
        line: int | None = None
        for body in lines[start + 1:]:
            plain = _RANK_PREFIX.sub("", body)
            if plain.strip().startswith(marker):
                number = plain.strip()[len(marker):].split(",")[0]
                line = int(number) if number.isdigit() else line
            elif plain and not plain[0].isspace():
                if line is not None:
                    found = (line, body.strip())
                break
    if found:
        return found
    rest = [t.strip() for t in lines if t.strip(" =-\t")]  # a launcher's box borders say nothing
    exits = [t for t in rest if t.startswith(("exitcode", "traceback :", "error_file"))]
    if not exits:
        return None, rest[-1] if rest else "no error output"
    last_words = _children_last_words(lines)
    return None, "; ".join([*([f"before it: {' '.join(last_words)}"] if last_words else []), *exits])


_LAUNCHER_LOG = re.compile(r"^[EWI]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ ")
"""A line torchrun's agent logs (``E1207 11:49:59.099000 31844 torch/distributed/...``); its children's
C++ logs are bracketed (``[E1207 ...]``) and stay theirs."""


def _children_last_words(lines: list[str]) -> list[str]:
    """The last two lines the children wrote before the launcher reported them dead.

    A child killed by a signal (``SIGABRT`` from a C++ ``terminate called ...``)
    leaves no Python traceback; what it printed last is the only cause there is.
    """
    end = next((i for i, text in enumerate(lines)
                if _LAUNCHER_LOG.match(text) or "ChildFailedError" in text or set(text.strip()) == {"="}), len(lines))
    said = [_RANK_PREFIX.sub("", t).strip() for t in lines[:end]]
    said = [t for t in said if t.strip("*") and not t.startswith("Setting OMP_NUM_THREADS")]  # the launcher's notice
    return said[-2:]


def read_recording(half: Half) -> tuple[str, str]:
    """Split a ``.out`` file into (version line's version, output body)."""
    text = read_text(half.out_path)
    first, _, body = text.partition("\n")
    prefix = f"# tested with {half.label} "
    if not first.startswith(prefix):
        raise SiteError(
            half.out_path, 1, f"recording does not start with '{prefix}<version>'",
            f"re-record it: python -m sidebyside record {half.path.parent.name}/{half.path.name.split('.')[0]}",
        )
    return first[len(prefix):].strip(), body


def write_recording(result: Result) -> None:
    """Write atomically, so a crash never leaves a half-written recording."""
    target = result.half.out_path
    tmp = target.with_suffix(".out.tmp")
    tmp.write_text(result.recording, encoding="utf-8")
    tmp.replace(target)
