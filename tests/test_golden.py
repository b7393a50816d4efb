"""Markdown in, HTML out: pair and directive rendering compared with committed golden files.

Each ``tests/golden/<case>.md`` is expanded the way the hook expands a page
(``@pair`` from the fixture pairs in ``tests/golden/snippets``, ``@render``
through a stub renderer that reports its name and line), rendered with the
site's Markdown extensions and the hook's code markup, and compared with
``tests/golden/<case>.html``. After an intended change, regenerate with
``pytest tests/test_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import markdown
import pytest

from sidebyside.pairs.catalog import discover
from sidebyside.pairs.expand import Directive, expand
from sidebyside.site.codemarkup import lighten

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.tabbed", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.snippets"]
CONFIGS = {"pymdownx.tabbed": {"alternate_style": True}, "pymdownx.snippets": {"base_path": [str(GOLDEN)], "check_paths": True},
           "pymdownx.highlight": {"linenums_style": "pymdownx-inline", "pygments_lang_class": True}}
"""mkdocs.yml's markdown_extensions (snippets read the fixture tree; toc permalinks need a MkDocs build)."""


def stub_render(directive: Directive) -> str:
    return f"*rendered {directive.arg} from line {directive.line}*"


def render_page(source: Path) -> str:
    pairs = discover(GOLDEN / "snippets")
    text = expand(source.read_text(encoding="utf-8"), source, pairs, stub_render, "https://example.org/blob/main", "../")
    return lighten(markdown.markdown(text, extensions=EXTENSIONS, extension_configs=CONFIGS)) + "\n"


@pytest.mark.parametrize("case", sorted(p.stem for p in GOLDEN.glob("*.md")))
def test_markdown_in_html_out(case: str, request: pytest.FixtureRequest) -> None:
    html, expected = render_page(GOLDEN / f"{case}.md"), GOLDEN / f"{case}.html"
    if request.config.getoption("--update-golden"):
        expected.write_text(html, encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.read_text(encoding="utf-8").splitlines(keepends=True),
                                        html.splitlines(keepends=True), f"{case}.html (golden)", f"{case}.html (now)"))
    assert not diff, f"rendering changed; if intended, run: pytest tests/test_golden.py --update-golden\n{diff}"
