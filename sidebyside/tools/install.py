"""Install requirements into a venv with uv, set up from this machine's pip configuration.

Why: pip unpacks and byte-compiles on one core. The test set took 190 s
that way on the 2-core build host; uv installs the same versions in about
20 s. Nothing is byte-compiled at install (that was 113 s of CPU for every
module of every package): the project runs with one shared bytecode cache
(``PYTHONPYCACHEPREFIX``, see the Makefile), so a module is compiled once,
by the first process that imports it, and never if nothing does.

Where wheels come from is the machine's decision, not the project's: its
pip configuration names the indexes, find-links and constraints (the CPU
torch wheel comes from there). This module reads that configuration with
the venv's own ``pip config list`` and passes it to uv as flags; it names
no index itself. A setting it cannot translate, or a uv that cannot be
installed, makes it install with pip instead, saying why. Standard library
only: it runs before anything is installed.

    python3 -m sidebyside.tools.install VENV [pip install arguments ...]
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

UV_REQUIREMENT = Path(__file__).resolve().parents[2] / "requirements" / "uv.txt"
"""The pinned uv, installed into each venv with pip before anything else."""

AS_FLAGS = {"index-url": "--index-url", "extra-index-url": "--extra-index-url", "find-links": "--find-links",
            "constraint": "--constraint"}
"""pip settings that decide which files are installed, and the uv flag that takes each of their values."""

AS_SWITCHES = {"no-index": "--no-index", "pre": "--prerelease=allow"}
"""pip's yes/no settings of the same kind, and the uv flag that says yes."""

AS_ENVIRONMENT = {"cert": "SSL_CERT_FILE", "default-timeout": "UV_HTTP_TIMEOUT", "timeout": "UV_HTTP_TIMEOUT"}
"""pip settings about how files are fetched, and the variable uv reads for each."""

IGNORED = {"disable-pip-version-check", "progress-bar", "quiet", "verbose", "no-cache-dir", "cache-dir",
           "root-user-action", "no-input", "no-color", "retries", "require-virtualenv"}
"""pip settings that change nothing about what is installed or from where."""

SCOPES = ("global", "install", ":env:")
"""Configuration sections that apply to ``pip install``; later lines of ``pip config list`` win."""


def pip_settings(listing: str) -> dict[str, str]:
    """``pip config list`` output (``scope.key='value'`` lines) as key -> value, for the install scopes."""
    settings: dict[str, str] = {}
    for line in listing.splitlines():
        name, _, value = line.partition("=")
        scope, _, key = name.rpartition(".")
        if scope in SCOPES and key and value:
            settings[key] = ast.literal_eval(value)
    return settings


def uv_arguments(settings: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """uv flags and environment for ``settings``; ValueError names a setting uv would not honour the same way."""
    flags: list[str] = ["--index-strategy", "unsafe-best-match"]  # pip's rule: the best version from any index
    environment: dict[str, str] = {}
    for key, value in settings.items():
        if key in AS_FLAGS:
            flags += [part for item in value.split() for part in (AS_FLAGS[key], item)]
        elif key in AS_SWITCHES:
            flags += [AS_SWITCHES[key]] if value.lower() in ("1", "true", "yes", "on") else []
        elif key in AS_ENVIRONMENT:
            environment[AS_ENVIRONMENT[key]] = value
        elif key not in IGNORED:
            raise ValueError(f"pip setting '{key}' has no uv translation here")
    return flags, environment


def install(venv: Path, arguments: list[str]) -> int:
    """Install ``arguments`` (pip install arguments) into ``venv`` with uv, or with pip when uv cannot."""
    python, pip = venv / "bin" / "python", [str(venv / "bin" / "python"), "-m", "pip"]

    def with_pip(reason: str) -> int:
        print(f"install: {reason}; installing with pip", file=sys.stderr)
        return subprocess.call([*pip, "install", *arguments])

    listing = subprocess.run([*pip, "config", "list"], check=True, capture_output=True, text=True).stdout
    try:
        flags, environment = uv_arguments(pip_settings(listing))
    except ValueError as error:
        return with_pip(str(error))
    if subprocess.call([*pip, "install", "-q", "-r", str(UV_REQUIREMENT)]) != 0:
        return with_pip("uv could not be installed")
    uv = [str(venv / "bin" / "uv"), "pip", "install", "--python", str(python), *flags]  # no --compile-bytecode: see above
    return subprocess.call([*uv, *arguments], env={**os.environ, **environment})


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__.rsplit("\n\n", 1)[-1])
    sys.exit(install(Path(sys.argv[1]), sys.argv[2:]))
