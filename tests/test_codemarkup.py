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


OVERRIDE_SELECTOR = ".md-typeset .highlight"
"""Where our stylesheet sets code colour variables: on the code block, so it wins over the theme's ``:root`` values."""

VAR_RE = re.compile(r"var\((--[\w-]+)\)")


def plain_variables(stylesheets: dict[str, str]) -> set[str]:
    """Colour variables set to a plain value on ``OVERRIDE_SELECTOR`` (closer to the tokens than any theme default)."""
    plain = set()
    for css in stylesheets.values():
        for selector, body in RULE_RE.findall(css):
            if OVERRIDE_SELECTOR in (part.strip() for part in selector.split(",")):
                for name, _, value in (d.partition(":") for d in body.split(";")):
                    if name.strip().startswith("--") and value.strip() in PLAIN:
                        plain.add(name.strip())
    return plain


def colouring(stylesheets: dict[str, str], cls: str) -> list[str]:
    """Every rule that would make an unwrapped ``.<cls>`` token look different from plain code."""
    plain = plain_variables(stylesheets)
    problems = []
    for name, css in stylesheets.items():
        for selector, body in rules_for(css, cls):
            declarations = {k.strip(): v.strip() for k, _, v in (d.partition(":") for d in body.split(";") if d.strip())}
            colour = declarations.get("color", "var(--md-code-fg-color)")
            variable = VAR_RE.fullmatch(colour)
            if set(declarations) - {"color"} or not (colour in PLAIN or (variable and variable[1] in plain)):
                problems.append(f"{name}: '{selector}' styles .{cls} ({body}); unwrapping those spans would change the page")
        if not name_colour(css) <= {"var(--md-code-fg-color)"}:
            problems.append(f"{name} gives names their own colour ({name_colour(css)}); '.n' spans are not plain any more")
    return problems


def shipped_stylesheets() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in THEME_CSS + OUR_CSS}


@pytest.mark.parametrize("cls", codemarkup.UNSTYLED_CLASSES)
def test_unwrapped_class_is_not_coloured(cls: str) -> None:
    assert colouring(shipped_stylesheets(), cls) == []


def test_a_coloured_token_class_is_named() -> None:
    """Planted: the theme's muted operator colour without our override, and a rule that colours punctuation."""
    sheets = {"theme.css": ".highlight .o,.highlight .ow{color:var(--md-code-hl-operator-color)}",
              "ours.css": ".md-typeset .highlight { --md-code-hl-comment-color: #696969; }\n.highlight .p { color: #123456 }"}
    assert colouring(sheets, "o") == [
        "theme.css: '.highlight .o,.highlight .ow' styles .o (color:var(--md-code-hl-operator-color)); unwrapping those spans would change the page"]
    assert colouring(sheets, "p") == [
        "ours.css: '.highlight .p' styles .p ( color: #123456 ); unwrapping those spans would change the page"]
    sheets["ours.css"] = ".md-typeset .highlight { --md-code-hl-operator-color: var(--md-code-fg-color); }"
    assert colouring(sheets, "o") == []


def test_lighten_keeps_the_text_and_drops_spans() -> None:
    code = 'def f(x):\n    return x + 1  # one\nprint(f(2), "s")\n'
    html = highlight(code, PythonLexer(), HtmlFormatter())
    light = codemarkup.lighten(html)
    text = re.compile(r"<[^>]+>")
    assert text.sub("", light) == text.sub("", html)
    assert light.count("<span") < html.count("<span")
    assert '<span class="n">' not in light and '<span class="w">' not in light
    assert '<span class="k">return</span>' in light  # coloured tokens stay


def test_every_code_block_can_take_focus() -> None:
    html = highlight("x = 1\n", PythonLexer(), HtmlFormatter(wrapcode=True))
    assert "<pre><span></span><code>" in html
    assert codemarkup.focusable(html).count('<code tabindex="0">') == 1
    assert codemarkup.focusable("<pre><code>plain</code></pre><p><code>inline</code></p>") == \
        '<pre><code tabindex="0">plain</code></pre><p><code>inline</code></p>'
