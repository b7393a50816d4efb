"""Markdown lines outside fenced code blocks: pages may show directive or figure syntax inside a fence.

Shared by the directive expander and the prose-figure check, so both agree
on what counts as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for every line that is neither a fence line nor inside a fence.

    A fence closes only with the character that opened it, at least as long
    (CommonMark), so a ```` block can show a ``` block.
    """
    fence: str | None = None
    for number, text in enumerate(markdown.splitlines(), start=1):
        match = FENCE_RE.match(text)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None:
            yield number, text
