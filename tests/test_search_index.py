"""The written search index is compacted: code keeps each API name once, markup goes, tags ride on a page's first entry."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from sidebyside.site.search_terms import code_words, compact_index, leads_only, on_page_content
from sidebyside.tools.searchbench import over_budget

GOLDEN = Path(__file__).parent / "golden"


def test_a_code_block_keeps_each_new_api_name_once() -> None:
    code = ("import torch\n# Only plain words here\nloader = DataLoader(ds)\nx = torch.zeros_like(x)\n"
            "y = torch.zeros_like(x)\nx.to(memory_format=NCHW)")
    assert code_words(code) == "DataLoader zeros_like memory_format NCHW"
    assert code_words(code, frozenset({"dataloader", "nchw"})) == "zeros_like memory_format"


def test_entries_lose_markup_and_repeats_and_tags_stay_on_a_page_first_entry() -> None:
    index = {"docs": [
        {"location": "a/", "title": "A", "text": "<p>Use <code>tf.function</code>.</p><pre><code>tf.function(step_fn)\n"
                                                 "step_fn()</code></pre> <pre><code>step_fn, GradientTape</code></pre>",
         "tags": ["jit"]},
        {"location": "a/#b", "title": "B", "text": "<p>y</p>", "tags": ["jit"]},
        {"location": "c/", "title": "C", "text": "<p>z</p>", "tags": ["aot"]},
    ]}
    docs = compact_index(index)["docs"]
    assert docs[0] == {"location": "a/", "title": "A", "text": "Use tf.function .<pre><code>step_fn GradientTape</code></pre>",
                       "tags": ["jit"]}
    assert docs[1] == {"location": "a/#b", "title": "B", "text": "y"}
    assert docs[2]["tags"] == ["aot"]


def test_the_built_index_fits_its_budget(hosted_site: Path) -> None:
    assert over_budget(hosted_site) is None, over_budget(hosted_site)


def test_an_index_over_budget_is_named(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_bytes(os.urandom(3000))  # random bytes do not compress
    assert over_budget(tmp_path, budget_kb=2) == (
        f"{tmp_path}/search/search_index.json: 3 KB gzipped, over the 2 KB budget; "
        "keep boilerplate out of the index (sidebyside/site/search_terms.py)")


def test_words_on_every_pair_and_source_leave_the_index() -> None:
    doc = {"location": "t/", "title": "T", "text": "<p>Both print 3.</p> TensorFlowPyTorch step.tensorflow.py "
                                                   "step.pytorch.py <p>docs.python.org, as of 2026-11-28</p>"}
    assert compact_index({"docs": [doc]})["docs"][0]["text"] == "Both print 3. docs.python.org"


def test_a_folded_setup_summary_leaves_the_index_and_its_code_stays() -> None:
    html = (GOLDEN / "folded.html").read_text(encoding="utf-8")  # the folded rendering, as tests/test_golden.py holds it
    marked = on_page_content(html, None, None, None)
    assert marked.count("<summary data-search-exclude>Setup") == html.count("<summary>Setup") == 4
    assert marked.count('<div class="language-python highlight">') == html.count('<div class="language-python highlight">') == 8


def test_a_leads_only_page_keeps_headings_and_each_section_first_paragraph() -> None:
    html = '<h1 id="a">Add a pair</h1><p>Lead.</p><p>More.</p><ul><li>x</li></ul><h2>B</h2><p>Lead 2.</p><table></table>'
    assert leads_only(html) == ('<h1 id="a">Add a pair</h1><p>Lead.</p><p data-search-exclude>More.</p>'
                                '<ul data-search-exclude><li>x</li></ul><h2>B</h2><p>Lead 2.</p><table data-search-exclude></table>')


def test_the_contributor_guide_is_indexed_by_its_leads(hosted_site: Path) -> None:
    """The guide's sections are found by title and lead; its details stay out of the index every reader downloads."""
    docs = json.loads((hosted_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    indexed = " ".join(d["text"] for d in docs if d["location"].startswith("contributing/"))
    page = (hosted_site / "contributing" / "index.html").read_text(encoding="utf-8")
    paragraphs = [re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p(?: data-search-exclude)?>(.*?)</p>", page, re.S)]
    plain = [p[:40] for p in paragraphs if len(p) > 40 and "<" not in p]
    assert len(plain) > 20 and "Add a pair" in page
    found = [p for p in plain if p in indexed]
    assert 5 < len(found) < len(plain) / 2, f"{len(found)} of {len(plain)} paragraphs indexed"
