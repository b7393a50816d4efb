"""The written search index is compacted: code blocks keep each new word once, tags ride on a page's first entry."""

from __future__ import annotations

from sidebyside.site.search_terms import code_words, compact_index


def test_a_code_block_keeps_each_new_word_once() -> None:
    code = "import torch\nx = torch.zeros_like(x)\ny = torch.zeros_like(x)  # zeros_like again\nmodel.fit(x)"
    assert code_words(code) == "import torch zeros_like again model fit"
    assert code_words(code, frozenset({"torch", "fit"})) == "import zeros_like again model"


def test_tags_stay_on_the_first_entry_of_a_page_only() -> None:
    index = {"docs": [
        {"location": "a/", "title": "A", "text": "<p>x</p><pre><code>tf.function tf.function</code></pre>", "tags": ["jit"]},
        {"location": "a/#b", "title": "B", "text": "<p>y</p>", "tags": ["jit"]},
        {"location": "c/", "title": "C", "text": "<p>z</p>", "tags": ["aot"]},
    ]}
    docs = compact_index(index)["docs"]
    assert docs[0] == {"location": "a/", "title": "A", "text": "<p>x</p><pre><code>function</code></pre>", "tags": ["jit"]}
    assert "tags" not in docs[1]
    assert docs[2]["tags"] == ["aot"]
