"""The search-query filter is put in front of the theme's worker once, and a missing worker is a clear error.

What it changes for readers is tested in the browser (tests/browser/test_search.py): without it,
"port a trained model", "add a pair" and "model.predict in pytorch" all answered with the pages whose
tags start with "a" or "in".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from sidebyside.site.search_query import FILTER, prepend_filter


def test_the_filter_goes_in_front_of_the_worker_once(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    worker = workers / "search.1234.min.js"
    worker.write_text('addEventListener("message",t=>{});', encoding="utf-8")
    assert prepend_filter(tmp_path) == [worker]
    prepend_filter(tmp_path)  # a second build step over the same site adds nothing
    text = worker.read_text(encoding="utf-8")
    assert text == FILTER.read_text(encoding="utf-8") + 'addEventListener("message",t=>{});'


def test_a_site_without_the_theme_worker_is_named(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"no theme search worker \(assets/javascripts/workers/search\.\*\.min\.js\)"):
        prepend_filter(tmp_path)
