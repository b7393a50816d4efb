"""Run one snippet the way a reader would: ``python file.py`` in a clean process.

Each run gets a fresh temporary working directory, CPU only, fixed thread
counts, a fixed hash seed and quiet framework logging, so the recorded
output is the program's own and repeats from run to run. The framework
version written into the recording is read from the same interpreter that
ran the snippet, never typed by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sidebyside.errors import SiteError
from sidebyside.pairs.catalog import Half
from sidebyside.pairs.normalise import normalise

DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "tensorflow": ("tensorflow-cpu", "tensorflow"),
    "pytorch": ("torch",),
    "jax": ("jax",),
}
"""Framework -> installed distribution names to read the version from."""

RUN_ENV: dict[str, str] = {
    "CUDA_VISIBLE_DEVICES": "",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "2",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
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
    raise SiteError(
        f"<{framework}>", None, f"{framework} is not installed in this environment",
        "run 'make test' (it creates .venv with the pinned frameworks) or use .venv/bin/python",
    )


def run(half: Half, timeout: int | None = None) -> Result:
    """Execute ``half`` and return its normalised stdout; raise SiteError on failure."""
    limit = timeout or half.timeout
    env = {**os.environ, **RUN_ENV}
    env.pop("KERAS_BACKEND", None)  # snippets choose their backend themselves
    with tempfile.TemporaryDirectory(prefix="sbs-run-") as workdir:
        env["KERAS_HOME"] = os.path.join(workdir, ".keras")
        env["MPLCONFIGDIR"] = os.path.join(workdir, ".mpl")
        env["HOME"] = workdir
        try:
            proc = subprocess.run(
                [sys.executable, str(half.path.resolve())],
                cwd=workdir, env=env, capture_output=True, text=True,
                timeout=limit, stdin=subprocess.DEVNULL, start_new_session=True,
            )
        except subprocess.TimeoutExpired:
            raise SiteError(
                half.path, None, f"snippet did not finish within {limit} s",
                "make it faster or raise '# timeout: N' in its header",
            ) from None
        if proc.returncode != 0:
            line, summary = _last_frame(proc.stderr, half.path)
            raise SiteError(
                half.path, line, f"snippet exited with status {proc.returncode}: {summary}",
                f"fix the script and check it with: {sys.executable} {half.path}",
            )
        output = normalise(proc.stdout, workdir=os.path.realpath(workdir))
        output = output.replace(workdir, "<workdir>")
    return Result(half, framework_version(half.framework), output)


def _last_frame(stderr: str, path: Path) -> tuple[int | None, str]:
    """From a traceback, the snippet's own failing line and the final error line."""
    line: int | None = None
    marker = f'File "{path.resolve()}", line '
    for text in stderr.splitlines():
        text = text.strip()
        if text.startswith(marker):
            number = text[len(marker):].split(",")[0]
            if number.isdigit():
                line = int(number)
    lines = [t for t in stderr.strip().splitlines() if t.strip()]
    summary = lines[-1].strip() if lines else "no error output"
    return line, summary


def read_recording(half: Half) -> tuple[str, str]:
    """Split a ``.out`` file into (version line's version, output body)."""
    text = half.out_path.read_text(encoding="utf-8")
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
