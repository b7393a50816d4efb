"""The code spans the build drops must really be invisible: no stylesheet colours them.

``sidebyside.site.codemarkup`` unwraps Pygments spans whose class the theme
leaves at the plain code colour. If Material (or our own CSS) ever styles
one of them, unwrapping would change what readers see, so this reads every
stylesheet the site ships and fails on any rule that targets such a class
with anything but the plain colour.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from sidebyside import ROOT
from sidebyside.site import codemarkup

THEME_CSS = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css"))
OUR_CSS = sorted((ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"))
PLAIN = {"var(--md-code-fg-color)", "var(--md-code-hl-name-color)"}
"""Values that mean 'the plain code colour' (Material sets the name colour to the foreground colour)."""

RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def rules_for(css: str, cls: str) -> list[tuple[str, str]]:
    """(selector, declarations) of every rule whose selector list targets ``.highlight .<cls>``."""
    target = re.compile(r"\.highlight\s+\." + re.escape(cls) + r"(?![\w-])")
    return [(sel.strip(), body) for sel, body in RULE_RE.findall(css) if target.search(sel)]


def name_colour(css: str) -> set[str]:
    return set(re.findall(r"--md-code-hl-name-color:\s*([^;}]+)", css))


def test_theme_stylesheets_found() -> None:
    assert THEME_CSS, "Material's stylesheets not found; the check below would pass vacuously"
    assert any(rules_for(path.read_text(encoding="utf-8"), "o") for path in THEME_CSS), \
        "the CSS parser finds no rule for operators (.o), which Material does colour"


@pytest.mark.parametrize("cls", codemarkup.UNSTYLED_CLASSES)
def test_unwrapped_class_is_not_coloured(cls: str) -> None:
    for path in THEME_CSS + OUR_CSS:
        css = path.read_text(encoding="utf-8")
        for selector, body in rules_for(css, cls):
            declarations = {k.strip(): v.strip() for k, _, v in (d.partition(":") for d in body.split(";") if d.strip())}
            assert set(declarations) <= {"color"} and declarations.get("color", "var(--md-code-fg-color)") in PLAIN, (
                f"{path.name}: '{selector}' styles .{cls} ({body}); unwrapping those spans would change the page")
        assert name_colour(css) <= {"var(--md-code-fg-color)"}, (
            f"{path.name} gives names their own colour ({name_colour(css)}); '.n' spans are not plain any more")


def test_lighten_keeps_the_text_and_drops_spans() -> None:
    code = 'def f(x):\n    return x + 1  # one\nprint(f(2), "s")\n'
    html = highlight(code, PythonLexer(), HtmlFormatter())
    light = codemarkup.lighten(html)
    text = re.compile(r"<[^>]+>")
    assert text.sub("", light) == text.sub("", html)
    assert light.count("<span") < html.count("<span")
    assert '<span class="n">' not in light and '<span class="w">' not in light
    assert '<span class="k">return</span>' in light  # coloured tokens stay
