"""MkDocs hook: leave filler words out of search queries, inside the theme's search worker.

Material turns every word of a query into a prefix search (``a`` becomes
``a*``), so a question typed as a reader thinks it ("port a trained model",
"model.predict in pytorch") matches most pages through its shortest words,
and tags (boosted a million times) outrank the page that answers it. The
theme has no setting for this, so the build prepends a small listener
(``search_query.js``) to the worker script it copied; the listener runs
before the theme's own and drops such words when the query has others.
The offline build runs the same worker through its iframe shim.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

FILTER = Path(__file__).with_name("search_query.js")
MARKER = "/* Prepended to the theme's search worker"


def prepend_filter(site_dir: Path) -> list[Path]:
    """Put the query filter in front of every search worker script in ``site_dir``; return the files changed."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        raise PluginError(f"{site_dir}: no theme search worker (assets/javascripts/workers/search.*.min.js) to "
                          "add the query filter to; check the theme version in requirements/docs.txt")
    source = FILTER.read_text(encoding="utf-8")
    for worker in workers:
        text = worker.read_text(encoding="utf-8")
        if not text.startswith(MARKER):
            worker.write_text(source + text, encoding="utf-8")
    return workers


@event_priority(-50)  # after the theme copied its assets, before the offline plugin packs the site (-100)
def on_post_build(config: Any) -> None:
    prepend_filter(Path(config["site_dir"]))
