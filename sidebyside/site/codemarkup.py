"""Lighter code markup: drop the Pygments spans the theme does not colour.

Pygments wraps every token in a ``<span class="...">``. With Material's
palette, names (``n``) take the plain code colour and whitespace (``w``) has
no rule at all; our stylesheet gives operators (``o``, ``ow``) and
punctuation (``p``) the plain code colour too. So those spans change nothing
a reader sees. Names and whitespace were a quarter of all elements on the
longest topic pages (3,000 of 13,600 on ``llm-era``), operators and
punctuation half of the rest (4,800 of 9,500), and every element costs style
and layout time on a phone: the theme measures each code block while the page
loads, and each measurement lays out every token again.
Unwrapping them keeps the text, and so copy, search and line numbers,
byte for byte.
"""

from __future__ import annotations

import re

UNSTYLED_CLASSES = ("n", "w", "o", "ow", "p")
"""Pygments token classes drawn in the plain code colour (``tests/test_codemarkup.py`` checks every stylesheet)."""

_UNSTYLED_SPAN_RE = re.compile(r'<span class="(?:' + "|".join(UNSTYLED_CLASSES) + r')">([^<]*)</span>')


def lighten(html: str) -> str:
    """``<span class="n">x</span>`` -> ``x`` for every unstyled class; everything else untouched."""
    return _UNSTYLED_SPAN_RE.sub(r"\1", html)
