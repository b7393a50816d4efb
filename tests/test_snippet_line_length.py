"""The 88-character limit on snippets, run exactly as ``make lint`` runs it.

Snippets are read on the page beside each other, so their lines stay short;
header lines (``# title: ...``) are exempt because the catalog reads each as
one line. The command comes from the Makefile so the test and the gate agree.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def snippet_lint_command() -> list[str]:
    """The ``ruff check snippets ...`` line of the Makefile's lint target, as argv."""
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        command = line.split("#", 1)[0].strip()
        if "ruff check snippets" in command:
            args = shlex.split(command)
            return [str(Path(sys.executable).parent / "ruff"), *args[1:]]
    raise AssertionError("Makefile's lint target has no 'ruff check snippets' line")


def test_long_code_line_fails_and_header_line_passes(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    topic = tmp_path / "snippets" / "topic"
    topic.mkdir(parents=True)
    header = "# title: " + "a header line the catalog reads whole " * 3
    code = "x = " + " + ".join(["1"] * 30)
    (topic / "pair.pytorch.py").write_text(f"{header}\n\n{code}\n", encoding="utf-8")
    result = subprocess.run(
        [*snippet_lint_command(), "--output-format", "concise"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    reported = [line for line in result.stdout.splitlines() if "E501" in line]
    assert reported == [f"snippets/topic/pair.pytorch.py:3:89: E501 Line too long ({len(code)} > 88)"]
