"""The small, explicit list of output rewrites that make a run repeatable.

Only things that change from run to run without changing meaning are
rewritten, and only where the line itself says what they are: a duration
right after a word that announces a timing ("took 1.23 s", "elapsed: 4 ms",
"3 ms/step"), a memory address in an object repr ("at 0x7f3a..."), and a
temporary directory made by ``tempfile``. A number or hex literal anywhere
else is output and stays as printed. Numbers are never rounded here; a
snippet prints with the precision it wants compared. Each rule is a
(pattern, replacement) pair so a reviewer can read the whole policy in one
screen.

Parity refuses a compared line that still holds a placeholder (see
``PLACEHOLDERS``): a rewritten value can hide a difference, so snippets whose
outputs are compared must not print timings or addresses at all.
"""

from __future__ import annotations

import re

_UNIT = r"(?:ms|us|µs|ns|s|sec|secs|seconds)"
RULES: list[tuple[re.Pattern[str], str]] = [
    # "<function f at 0x7f3a2c1d9e40>", "object at 0x...": the address Python prints in a repr.
    (re.compile(r"(?<=\bat )0x[0-9a-fA-F]{6,16}\b"), "0x<addr>"),
    # "took 1.2 s", "elapsed: 35 ms", "in 0.8 seconds", "time=3ms": a duration announced as one.
    (re.compile(rf"\b(took|elapsed|in|time|duration|after)([:=]?\s?)\d+(?:\.\d+)?\s?{_UNIT}\b"), r"\1\2<time>"),
    # Keras progress lines: "1/1 ━━━━ 0s 35ms/step".
    (re.compile(r"(?:\b\d+s )?\b\d+(?:\.\d+)?\s?(?:ms|us|µs|s)/step\b"), "<time>/step"),
    # tempfile.mkdtemp() / NamedTemporaryFile names under /tmp.
    (re.compile(r"/tmp/tmp[\w-]{6,}(?:/[\w.-]+)*"), "<tmp>"),
]

PLACEHOLDERS: tuple[str, ...] = ("0x<addr>", "<time>", "<tmp>", "<workdir>")
"""What the rules (and the working-directory rewrite) leave behind."""


def normalise(text: str, workdir: str | None = None) -> str:
    """Apply RULES (and replace the run's working directory) to ``text``."""
    if workdir:
        text = text.replace(workdir, "<workdir>")
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def placeholders_in(line: str) -> list[str]:
    """The placeholders ``line`` still contains (empty when it is output as printed)."""
    return [p for p in PLACEHOLDERS if p in line]
