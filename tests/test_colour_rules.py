"""Every colour class the built pages use has a colour rule (a legend swatch without one shows an empty box)."""

from __future__ import annotations

import re
from pathlib import Path

from sidebyside import ROOT

STYLESHEETS = ROOT / "overrides" / "assets" / "stylesheets"
COLOUR_CLASS_RE = re.compile(r"\bsbs-(?:swatch|verdict)--[a-z0-9-]+")
"""Framework colour classes: flowchart legend swatches and verdict badges (tables, chooser, flowchart)."""


def classes_without_rule(pages: dict[str, str], css: str) -> list[str]:
    """'page: class' for each colour class a page uses that no stylesheet rule names."""
    missing = []
    for name, html in sorted(pages.items()):
        for cls in sorted(set(COLOUR_CLASS_RE.findall(html))):
            if not re.search(rf"\.{re.escape(cls)}(?![\w-])", css):
                missing.append(f"{name}: class {cls} has no rule in overrides/assets/stylesheets/; give it a colour")
    return missing


def test_every_colour_class_in_the_site_has_a_rule(hosted_site: Path) -> None:
    css = "\n".join(p.read_text(encoding="utf-8") for p in sorted(STYLESHEETS.glob("*.css")))
    pages = {str(p.relative_to(hosted_site)): p.read_text(encoding="utf-8") for p in hosted_site.rglob("*.html")}
    missing = classes_without_rule(pages, css)
    assert not missing, "\n".join(missing)


def test_a_swatch_without_a_rule_is_named() -> None:
    css = ".sbs-swatch--tensorflow { background: orange; }\n.sbs-swatch--jaxlike { background: blue; }"
    pages = {"decide/flowchart/index.html": '<span class="sbs-swatch sbs-swatch--tensorflow"></span>'
                                            '<span class="sbs-swatch sbs-swatch--jax"></span>'}
    assert classes_without_rule(pages, css) == [
        "decide/flowchart/index.html: class sbs-swatch--jax has no rule in overrides/assets/stylesheets/; give it a colour"]
