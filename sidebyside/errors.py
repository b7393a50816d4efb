"""One error type for every bad input, so each one reads the same way.

A reader of a failed build or test should see exactly one line that says
where (file and line), what is wrong, and how to fix it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

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


class SiteErrors(SiteError):
    """Several independent problems found in one pass (e.g. every failing half of a record run).

    Each one is still a one-line ``file:line: what; fix`` message; the
    contributor sees all of them at once instead of fixing them one run at a time.
    """

    def __init__(self, errors: list[SiteError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.path, first.line, first.problem, first.fix)

    @property
    def message(self) -> str:
        return "\n".join(error.message for error in self.errors)


def raise_all(errors: list[SiteError]) -> None:
    """Raise nothing when ``errors`` is empty, the error itself when there is one, else all of them together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SiteErrors(errors)


def tool_main(main: Callable[[], int | None]) -> NoReturn:
    """The one way a ``python -m`` tool ends: a SiteError becomes its ``error: file:line: what; fix`` line(s) and exit
    status 1, so no tool prints a traceback for bad input or invents its own error format."""
    try:
        status = main()
    except SiteError as error:
        for one in error.errors if isinstance(error, SiteErrors) else [error]:
            print(f"error: {one.message}", file=sys.stderr)
        status = 1
    raise SystemExit(status or 0)


def read_text(path: Path) -> str:
    """Read a UTF-8 file; bytes that are not UTF-8 become ``file:line`` instead of a traceback."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SiteError(path, *_undecodable(data, exc)) from None


def undecodable_line(data: bytes, exc: UnicodeDecodeError) -> int:
    """1-based line of the first byte that is not UTF-8."""
    return data.count(b"\n", 0, exc.start) + 1


def _undecodable(data: bytes, exc: UnicodeDecodeError) -> tuple[int, str, str]:
    line = undecodable_line(data, exc)
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    byte = data[exc.start]
    return line, f"file is not UTF-8 (byte 0x{byte:02x} at column {column})", "save it as UTF-8"
