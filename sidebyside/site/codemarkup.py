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


_CODE_OPEN_RE = re.compile(r"<pre>(<span></span>)?<code>")


def focusable(html: str) -> str:
    """``<pre><code>`` -> ``<pre><code tabindex="0">``: every code block can take keyboard focus from the start.

    The theme initialises a code block (copy button, and ``tabindex`` when it
    scrolls sideways) only once it comes into view (``content.lazy`` in
    mkdocs.yml), so a wide block below the fold could not be reached with
    Tab. Focusable from the start, it can; once shown, the theme keeps the
    ``tabindex`` only where the block scrolls, as before.
    """
    return _CODE_OPEN_RE.sub(r'<pre>\1<code tabindex="0">', html)
