"""Lighter code markup: drop the Pygments spans the theme does not colour.

Pygments wraps every token in a ``<span class="...">``. With Material's
palette, names (``n``) take the plain code colour and whitespace (``w``) has
no rule at all, so those spans change nothing a reader sees. They were a
quarter of all elements on the longest topic pages (3,000 of 13,600 on
``llm-era``), and every element costs style and layout time on a phone.
Unwrapping them keeps the text, and so copy, search and line numbers,
byte for byte.
"""

from __future__ import annotations

import re

UNSTYLED_CLASSES = ("n", "w")
"""Pygments token classes the theme leaves uncoloured (``tests/test_codemarkup.py`` checks Material's CSS)."""

_UNSTYLED_SPAN_RE = re.compile(r'<span class="(?:' + "|".join(UNSTYLED_CLASSES) + r')">([^<]*)</span>')


def lighten(html: str) -> str:
    """``<span class="n">x</span>`` -> ``x`` for every unstyled class; everything else untouched."""
    return _UNSTYLED_SPAN_RE.sub(r"\1", html)
