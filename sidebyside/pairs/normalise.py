"""The small, explicit list of output rewrites that make a run repeatable.

Only things that change from run to run without changing meaning are
rewritten: memory addresses, wall-clock durations and temporary paths.
Numbers are never rounded here; a snippet prints with the precision it
wants compared. Each rule is a (pattern, replacement) pair so a reviewer can
read the whole policy in one screen.
"""

from __future__ import annotations

import re

RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"0x[0-9a-fA-F]{6,16}"), "0x<addr>"),
    (re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:ms|us|µs|ns)(?:/step)?\b"), "<time>"),
    (re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:s|sec|seconds)\b(?!\w)"), "<time>"),
    (re.compile(r"/tmp/[\w./-]+"), "<tmp>"),
]


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
