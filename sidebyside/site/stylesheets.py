"""MkDocs hook: the site's own stylesheets reach the reader as one file.

The site keeps its CSS in small files, one concern each (``extra_css`` in
mkdocs.yml). Each stylesheet a page links blocks its first paint, and a
phone on a slow network opens only a few connections at a time: with the
theme's two files, eight stylesheets took two round trips before anything
showed. This hook serves ``extra_css`` as one generated file, in the listed
order, so the cascade is the same; the separate files are still built, so
a link to one of them keeps working.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

BUNDLE = "assets/stylesheets/site.css"


def bundle(sources: list[str], roots: list[Path]) -> str:
    """The files in ``sources`` (paths under one of ``roots``), joined in order, each headed by its name."""
    parts = []
    for source in sources:
        found = next((root / source for root in roots if (root / source).is_file()), None)
        if found is None:
            raise PluginError(f"mkdocs.yml: extra_css lists {source}, which is in none of {', '.join(map(str, roots))}; "
                              "fix the path or add the file")
        parts.append(f"/* {source} */\n{found.read_text(encoding='utf-8')}")
    return "\n".join(parts)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the joined file and link it in place of the listed ones (pages are rendered after this event)."""
    sources = [str(css) for css in config.extra_css]
    if sources:
        roots = [Path(config.docs_dir), *(Path(d) for d in config.theme.dirs)]
        files.append(File.generated(config, BUNDLE, content=bundle(sources, roots)))
        config.extra_css = [BUNDLE]
    return files


__all__ = ["BUNDLE", "bundle", "on_files"]
