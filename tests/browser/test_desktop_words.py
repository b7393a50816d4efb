"""On a 1280 px desktop, the conversion matrix's path names keep their words whole.

Twelve columns in the content width squeezed the Path column until the theme
broke its words letter by letter ("Kera s → PyTo rch"). ``broken`` lists
the words of row titles laid out on more than one line; the planted table
proves it fires.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}

BROKEN = """selector => {
  const out = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[A-Za-z][A-Za-z0-9]+/g;
      for (let m = re.exec(node.textContent); m; m = re.exec(node.textContent)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}"""

ROW_TITLES = "table.sbs-conv th[scope=row]"


def test_conversion_paths_keep_whole_words(hosted_url: str, open_page) -> None:  # type: ignore[no-untyped-def]
    tab, _ = open_page((hosted_url.split("/tf-vs-pytorch/")[0],), **DESKTOP)
    tab.goto(hosted_url + "porting/conversion-matrix/", wait_until="load")
    assert tab.locator(ROW_TITLES).count() > 0
    assert tab.evaluate(BROKEN, ROW_TITLES) == []


def test_planted_squeezed_title_is_named(open_page) -> None:  # type: ignore[no-untyped-def]
    tab, _ = open_page(("about:",), **DESKTOP)
    tab.set_content('<table class="sbs-conv"><tr><th scope="row" style="width:2em;word-break:break-all">'
                    "Keras → PyTorch</th><td>✓</td></tr></table>")
    assert tab.evaluate(BROKEN, ROW_TITLES) == ["Keras", "PyTorch"]
