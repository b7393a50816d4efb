"""One error type for every bad input, so each one reads the same way.

A reader of a failed build or test should see exactly one line that says
where (file and line), what is wrong, and how to fix it.
"""

from __future__ import annotations

from pathlib import Path

from sidebyside import ROOT


def display_path(path: Path | str) -> str:
    """Show a path relative to the repository when it lives there."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


class SiteError(Exception):
    """A problem in the project's inputs, reported as ``file:line: what; fix``."""

    def __init__(self, path: Path | str, line: int | None, problem: str, fix: str = "") -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.problem}"
        if self.fix:
            text += f"; {self.fix}"
        return text
