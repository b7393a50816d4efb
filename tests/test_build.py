"""The site builds strictly and every pair shows both tabs, output and versions."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from sidebyside import ROOT
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.expand import find_directives
from sidebyside.pairs.runner import read_recording

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def site(hosted_site: Path) -> Path:
    """The run's one shared ``mkdocs build --strict`` (tests/conftest.py); a failed build fails this fixture."""
    return hosted_site


def page_html(site: Path, page: Path) -> str:
    """The built HTML of a docs/ page (MkDocs' directory URLs)."""
    rel = page.relative_to(ROOT / "docs").with_suffix("")
    folder = rel.parent if rel.name == "index" else rel
    return (site / folder / "index.html").read_text(encoding="utf-8")


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_every_pair_renders_tabs_output_and_versions(site: Path) -> None:
    pairs = discover()
    checked = 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        refs = [d.arg for d in find_directives(page.read_text(encoding="utf-8")) if d.kind == "pair"]
        if not refs:
            continue
        text = page_html(site, page)
        for key in refs:
            pair = pairs[key]
            start = text.index(f'id="pair-{pair.name}"')
            block = text[start:text.index('class="sbs-parity', start)]
            shown = visible_text(block)
            for half in pair.halves.values():
                version, body = read_recording(half)
                assert f">{half.label}</label>" in block, f"{key}: no '{half.label}' tab on {page.name}"
                assert f"Tested with {half.label} {version}" in shown, f"{key}: no version line for {half.label}"
                for line in body.splitlines():
                    assert line.strip() in shown, f"{key}: {half.label} output line {line!r} not on {page.name}"
                assert half.path.name in shown, f"{key}: code title missing"
            checked += 1
    assert checked >= 5


def test_unknown_pair_fails_the_build_with_page_and_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nText.\n\n@pair execution-model/eager-by-defualt\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: fixture\ndocs_dir: {docs}\nhooks:\n  - {ROOT / 'sidebyside/site/hook.py'}\n"
        "markdown_extensions:\n  - pymdownx.superfences\n  - pymdownx.tabbed\n",
        encoding="utf-8",
    )
    proc = mkdocs_build(config, tmp_path / "site")
    assert proc.returncode != 0
    assert "index.md:5: unknown pair 'execution-model/eager-by-defualt'; did you mean 'execution-model/eager-by-default'" in proc.stderr


def test_the_site_stylesheets_are_one_file_in_the_listed_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One render-blocking request instead of six; the cascade order is mkdocs.yml's (a later rule wins)."""
    from sidebyside.site.stylesheets import bundle

    (tmp_path / "theme" / "css").mkdir(parents=True)
    (tmp_path / "theme" / "css" / "a.css").write_text("p { color: red; }\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "b.css").write_text("p { color: blue; }\n", encoding="utf-8")
    joined = bundle(["theme/css/a.css".removeprefix("theme/"), "b.css"], [tmp_path / "docs", tmp_path / "theme"])
    assert joined.index("red") < joined.index("blue") and joined.startswith("/* css/a.css */")
    with pytest.raises(PluginError, match=r"extra_css lists gone\.css, which is in none of"):
        bundle(["gone.css"], [tmp_path / "docs"])
