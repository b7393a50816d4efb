"""Search finds what readers type: every query in tests/search_queries.yml, typed into the real box.

Each query is entered into the search box of the hosted build, and the
expected page must be among the first five pages listed. The offline zip
loads the same index another way: a test holds its entries equal to the
hosted ones, so every eighth query, typed offline, shows that loading. Results are read once they belong to
the whole query: the count line names matches and the list stops changing
between polls.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import LOCAL_SCHEMES, SEARCH_SETTLE_MS, hosted_path, search

from sidebyside import ROOT

pytestmark = pytest.mark.browser

QUERIES_FILE = ROOT / "tests" / "search_queries.yml"
TOP = 5


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["queries"]


QUERIES = load_queries()


def page_of(href: str, base_path: str) -> str:
    """Docs-relative page of a result link ('topics/debugging'), for either build."""
    path = unquote(urlsplit(href).path)
    rel = path[len(base_path):] if path.startswith(base_path) else path
    rel = rel.removesuffix("index.html").removesuffix(".html").rstrip("/")
    return rel or "index"


def url_page(docs_page: str) -> str:
    """'tutorials/index' is served at 'tutorials/': the name a result link carries."""
    return docs_page.removesuffix("/index") if docs_page != "index" else docs_page


def top_pages(hrefs: list[str], base_path: str, top: int = TOP) -> list[str]:
    """Distinct pages in the order listed (sections of one page count once)."""
    pages: list[str] = []
    for href in hrefs:
        page = page_of(href, base_path)
        if page not in pages:
            pages.append(page)
    return pages[:top]


def run_queries(tab, base_path: str, queries: list[dict[str, str]] = QUERIES) -> list[str]:  # type: ignore[no-untyped-def]
    misses = []
    for case in queries:
        top = int(case.get("top", TOP))
        pages = top_pages(search(tab, case["query"]), base_path, top)
        if url_page(case["expect"]) not in pages:
            misses.append(f"{case['query']!r}: expected {case['expect']} in the top {top}, got {pages}")
    return misses


def test_query_file_names_real_pages() -> None:
    docs = ROOT / "docs"
    assert len(QUERIES) >= 60
    assert sum(case.get("top") == 3 for case in QUERIES) >= 25, "at least 25 problem-shaped queries answered in the top 3"
    for case in QUERIES:
        assert {"query", "expect"} <= set(case) <= {"query", "expect", "top"}, \
            f"{QUERIES_FILE.name}: {case}: use keys query, expect and optionally top"
        page = case["expect"]
        assert (docs / f"{page}.md").is_file() or (docs / f"{page}.ipynb").is_file(), f"{QUERIES_FILE.name}: no page {page}"


def test_hosted_search_ranks_every_query(hosted_url: str, prefix: str, open_page) -> None:  # type: ignore[no-untyped-def]
    origin = hosted_url.split(prefix)[0]
    tab, log = open_page((origin,))
    tab.goto(hosted_url + hosted_path("index"), wait_until="load", timeout=SEARCH_SETTLE_MS)
    misses = run_queries(tab, prefix)
    assert not misses, f"{len(misses)} of {len(QUERIES)} queries miss:\n" + "\n".join(misses)
    assert not log.offenders


def index_entries(site: Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """The search entries of a build, each location written as the hosted build writes it."""
    path = site / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    where = [re.sub(r"^index\.html|(?:/index)?\.html(?=#|$)", lambda m: "" if m.group(0) == "index.html" else "/",
                    d["location"]) for d in docs]
    return [(w, d["title"], d["text"], tuple(d.get("tags", ()))) for w, d in zip(where, docs, strict=True)]


def test_offline_index_holds_the_hosted_entries(hosted_site: Path, offline_site: Path) -> None:
    """Same entries, so the same ranking: the offline queries below need not repeat every hosted one."""
    hosted, offline = index_entries(hosted_site), index_entries(offline_site)
    assert len(hosted) > 100 and len(hosted) == len(offline)
    differ = [f"{h[0]!r} hosted vs {o[0]!r} offline" for h, o in zip(hosted, offline, strict=True) if h != o]
    assert not differ, "the offline index differs from the hosted one:\n" + "\n".join(differ[:10])


def test_offline_search_ranks_a_sample_of_queries(offline_site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    tab, log = open_page(LOCAL_SCHEMES)
    tab.goto((offline_site / "index.html").as_uri(), wait_until="load", timeout=SEARCH_SETTLE_MS)
    sample = QUERIES[::8]
    misses = run_queries(tab, offline_site.as_posix() + "/", sample)
    assert not misses, f"{len(misses)} of {len(sample)} queries miss:\n" + "\n".join(misses)
    assert not log.offenders, "search requested non-file URLs:\n" + "\n".join(log.offenders)
