"""The written search index is compacted: code keeps each API name once, markup goes, tags ride on a page's first entry."""

from __future__ import annotations

from sidebyside.site.search_terms import code_words, compact_index


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
