"""Every page of the offline zip on a 390 px phone, one load each: it works from file:// with no request
leaving the folder and no error, nothing scrolls the page sideways, and every table is readable.

The offline zip and the hosted site share their theme, CSS and scripts, so the
layout measured here is the hosted layout too; ``test_hosted.py`` loads every
hosted page at desktop width. One load per page serves both the offline and
the phone checks.

A table is readable when it is laid out as cards (sidebyside/site/table_cards.py
and phone.css) or when its first and last columns are both on screen: a table
that scrolls sideways hides the column a reader came for. Inside tables no
natural word outside code is broken across lines (a too-narrow column breaks "Keras" letter
by letter) and no text is smaller than 11 px. The page-level checks share the
one load; ``problems`` turns the measurements into messages, and the planted
tests prove each message fires. The same load checks the small print: link
buttons (Open in Colab) are >= 44 px tall, no copy button covers code text, and
an output drawn with box characters (a Keras model summary) keeps its lines whole,
and chart labels, measured from each SVG file's font sizes and the width the
page draws it at, are >= 11 px.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pytest
from conftest import IDLE, LOCAL_SCHEMES, doc_pages, hosted_path, offline_path

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MIN_TAP = 44
"""Smallest tap target in CSS pixels (WCAG 2.5.5)."""
MIN_TEXT_PX = 11
"""Smallest readable text on a phone, in CSS pixels."""

UNCLIP = ("* { content-visibility: visible !important; } "
          ".sbs-pair .tabbed-content { overflow: visible !important; }")
"""Off-screen code skips layout (content-visibility: auto) inside a box that clips (overflow: hidden), which
would hide anything too wide in it: lay out everything, unclipped, so a cut-off line shows as page overflow."""

MEASURE = """minText => {
  const W = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('.md-content *')]
    .filter(e => e.getBoundingClientRect().right > W + 1 && e.parentElement.getBoundingClientRect().right <= W + 1)
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''));
  const tables = [...document.querySelectorAll('.md-content table')].filter(t => t.getClientRects().length).map((t, i) => {
    const rows = [...t.rows].filter(r => r.getClientRects().length);
    const row = [...t.querySelectorAll('tbody tr')].find(r => r.getClientRects().length) || rows[0];
    const cells = row ? [...row.cells] : [];
    const head = [...(t.rows[0] ? t.rows[0].cells : [])].map(c => c.textContent.trim()).join(' | ').slice(0, 60);
    const broken = [], small = [];
    const cards = !!row && getComputedStyle(row).display !== 'table-row';
    // cells a reader sees (cards keep the header row for screen readers only, in a 1 px box)
    for (const cell of t.querySelectorAll(cards ? 'tbody th, tbody td' : 'th, td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let longest = null, word = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
        if (size < minText && small.length < 3) small.push([node.textContent.trim().slice(0, 30), size]);
        if (node.parentElement.closest('code')) continue;  // a code name longer than the line has to break
        for (const m of node.textContent.matchAll(/[A-Za-z]{4,}/g)) {
          if (m[0].length > word.length) { word = m[0]; longest = [node, m.index]; }
        }
      }
      if (longest) {
        const range = document.createRange();
        range.setStart(longest[0], longest[1]);
        range.setEnd(longest[0], longest[1] + word.length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1 && broken.length < 3) broken.push(word);
      }
    }
    const first = cells.length ? cells[0].getBoundingClientRect() : null;
    const last = cells.length ? cells[cells.length - 1].getBoundingClientRect() : null;
    return {n: i + 1, head, cards,
            left: Math.round(t.getBoundingClientRect().left), right: Math.round(t.getBoundingClientRect().right),
            first_left: first ? Math.round(first.left) : 0, last_right: last ? Math.round(last.right) : 0, broken, small};
  });
  const small_taps = [...document.querySelectorAll('.md-content a.md-button, .md-content .sbs-nb-links a')]
    .filter(a => a.getClientRects().length)
    .map(a => [a.textContent.trim().slice(0, 30), Math.round(a.getBoundingClientRect().height)])
    .filter(([, h]) => h < 44).slice(0, 3);
  const covered = [];
  for (const button of document.querySelectorAll('.md-content pre > .md-clipboard')) {
    const b = button.getBoundingClientRect(), code = button.parentElement.querySelector('code');
    if (!b.width || !code) continue;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()];
      if (rects.length && rects[0].top >= b.bottom) break;  // past the button's height: the rest is clear
      if (node.textContent.trim() && rects.some(r => r.right > b.left && r.left < b.right && r.bottom > b.top && r.top < b.bottom)) {
        if (covered.length < 3) covered.push(node.textContent.trim().slice(0, 30));
        break;
      }
    }
  }
  const drawn_wrapped = [...document.querySelectorAll('.md-content pre')]
    .filter(p => /[\u2500-\u257f]/.test(p.textContent) && !/^pre$/.test(getComputedStyle(p).whiteSpace))
    .map(p => p.textContent.trim().split('\\n')[0].slice(0, 30)).slice(0, 3);
  // chart images: where each is drawn and how wide; their font sizes come from the files (fetch is closed to file://)
  const charts = [...document.querySelectorAll('.md-content img')]
    .filter(img => /\\.svg(#|$)/.test(img.getAttribute('src') || '') && getComputedStyle(img).display !== 'none')
    .map(img => [img.src.split('#')[0], img.getBoundingClientRect().width]);
  const small_charts = [];
  for (const svg of document.querySelectorAll('.md-content figure svg[viewBox]')) {
    const sizes = [...svg.querySelectorAll('text[font-size]')].map(t => parseFloat(t.getAttribute('font-size')));
    if (!sizes.length || !svg.getClientRects().length) continue;
    const px = Math.min(...sizes) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    if (px < minText) small_charts.push(['inline ' + (svg.closest('[id]') || svg).id, Math.round(px * 10) / 10]);
  }
  return {width: W, overflow: document.documentElement.scrollWidth - W, wide, tables, small_taps, covered, drawn_wrapped,
          charts, small_charts};
}"""


def problems(page: str, facts: dict) -> list[str]:
    """What a phone reader cannot read on ``page``, one message per fault."""
    where = hosted_path(page) or "/"
    found: list[str] = []
    if facts["overflow"] > 0:
        found.append(f"{where} is {facts['overflow']} px wider than a {facts['width']} px phone; widest: {facts['wide']}")
    for table in facts["tables"]:
        name = f"{where} table {table['n']} ({table['head']})"
        width = facts["width"]
        if table["cards"]:
            if table["left"] < 0 or table["right"] > width:
                found.append(f"{name}: its cards span {table['left']}..{table['right']} px, wider than the {width} px screen")
        elif table["first_left"] < 0 or table["last_right"] > width:
            found.append(f"{name}: not cards, and its columns span {table['first_left']}..{table['last_right']} px on a "
                         f"{width} px screen; the last column is off screen (label its cells: sidebyside/site/table_cards.py)")
        for word in table["broken"]:
            found.append(f"{name}: '{word}' is broken across lines; the column is too narrow")
        for text, size in table["small"]:
            found.append(f"{name}: '{text}' is {size:g} px; table text must be >= {MIN_TEXT_PX} px on a phone")
    for text, height in facts["small_taps"]:
        found.append(f"{where}: the link '{text}' is {height} px tall; tap targets must be >= {MIN_TAP} px")
    for text in facts["covered"]:
        found.append(f"{where}: the copy button covers '{text}' in the first line of a code block")
    for text in facts["drawn_wrapped"]:
        found.append(f"{where}: the box-drawn output '{text}' wraps, so its columns fall apart; keep its lines whole")
    for name, px in facts["small_charts"]:
        found.append(f"{where}: chart {name} draws its labels at {px:g} px; they must be >= {MIN_TEXT_PX} px on a phone")
    return found


def svg_text(url: str) -> str:
    """The SVG a chart image shows, read from its file (or its ``data:`` URL)."""
    if url.startswith("data:"):
        return unquote(url.split(",", 1)[1])
    return Path(url2pathname(urlsplit(url).path)).read_text(encoding="utf-8")


def with_chart_labels(facts: dict) -> dict:
    """Put each chart image whose smallest label is drawn below ``MIN_TEXT_PX`` first in ``facts['small_charts']``.

    A label's size on screen is its font size in the SVG times the scale the
    page draws the SVG at (its width on screen over its viewBox width).
    """
    images = []
    for url, width in facts["charts"]:
        svg = svg_text(url)
        box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg)
        sizes = [float(size) for size in re.findall(r'font-size[:=]\s*"?([\d.]+)', svg)]
        if box and sizes and (px := min(sizes) * width / float(box.group(1))) < MIN_TEXT_PX:
            name = "inline image" if url.startswith("data:") else urlsplit(url).path.rsplit("/", 1)[-1][:40]
            images.append([name, round(px, 1)])
    facts["small_charts"] = images + facts["small_charts"]
    return facts


def measure(tab) -> dict:  # type: ignore[no-untyped-def]
    tab.wait_for_function("() => document.fonts.status === 'loaded'")
    tab.add_style_tag(content=UNCLIP)
    return with_chart_labels(tab.evaluate(MEASURE, MIN_TEXT_PX))


@pytest.mark.parametrize("page", doc_pages())
def test_every_offline_page_loads_alone_and_reads_on_a_phone(offline_site: Path, open_page, page: str) -> None:  # type: ignore[no-untyped-def]
    """From file://: no request leaves the folder, no error; then the phone layout checks on the same load."""
    tab, log = open_page(LOCAL_SCHEMES, **PHONE)
    tab.goto((offline_site / offline_path(page)).as_uri(), wait_until="load")
    # Deferred theme scripts may still request or fail after 'load': wait until no request has
    # been open for 500 ms and the main thread is idle (conditions, not a fixed time).
    tab.wait_for_load_state("networkidle")
    tab.evaluate(IDLE)
    assert not log.offenders, f"{offline_path(page)} requested non-file URLs:\n" + "\n".join(log.offenders)
    assert not log.errors, f"{offline_path(page)} logged errors:\n" + "\n".join(log.errors)
    found = problems(page, measure(tab))
    assert not found, "\n".join(found)


PLANTED = """<!doctype html><meta name="viewport" content="width=device-width">
<div class="md-content"><table><thead><tr><th>Claim in older articles</th><th>Today</th><th>Use instead</th></tr></thead>
<tbody><tr><td>tf.contrib is the place for new layers</td><td>removed in TensorFlow 2.0</td>
<td><code>keras.layers.SomeVeryLongReplacementLayerName</code> from Keras 3</td></tr></tbody></table>
<table style="width:1px"><thead><tr><th>Path</th></tr></thead><tbody><tr>
<td><div style="width:12px;word-break:break-all;font-size:9px">Keras</div></td></tr></tbody></table>
<p class="sbs-nb-links"><a href="x.ipynb">Open in Colab</a></p>
<pre style="position:relative;white-space:pre-wrap;width:300px"><button class="md-clipboard"
 style="position:absolute;top:0;right:0;width:30px;height:30px"></button><code>print("a first line long enough to run under the button")</code></pre>
<img style="width:300px" alt="chart" src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22
 viewBox=%220 0 504 100%22%3E%3Ctext style=%22font-size: 9px%22%3Ea%3C/text%3E%3C/svg%3E#ratios.svg">
<figure id="planted-flowchart"><svg viewBox="0 0 998.5 100" style="width:300px"><text font-size="9.00">Where will it run?</text></svg></figure>
<pre style="white-space:pre-wrap">Model: "sequential"
┃ Layer (type) ┃ Output Shape ┃</pre>
</div>"""


def test_a_scrolling_table_with_a_broken_word_and_small_print_is_named(browser) -> None:  # type: ignore[no-untyped-def]
    """The lies the page test guards against, planted: a wide table not laid out as cards, a word broken
    letter by letter, 9 px figures, a small Colab link, a copy button over code, a wrapped model summary,
    a chart drawn at 5 px, a flowchart at 3 px. Each must produce its message."""
    context = browser.new_context(**PHONE)
    try:
        tab = context.new_page()
        tab.set_content(PLANTED)
        facts = with_chart_labels(tab.evaluate(MEASURE, MIN_TEXT_PX))
    finally:
        context.close()
    found = problems("index", facts)
    left, right = facts["tables"][0]["first_left"], facts["tables"][0]["last_right"]
    assert found[0] == f"/ is {facts['overflow']} px wider than a 390 px phone; widest: ['table']"
    assert found[1] == ("/ table 1 (Claim in older articles | Today | Use instead): not cards, and its columns span "
                        f"{left}..{right} px on a 390 px screen; the last column is off screen "
                        "(label its cells: sidebyside/site/table_cards.py)")
    height = facts["small_taps"][0][1]
    assert found[2:] == ["/ table 2 (Path): 'Keras' is broken across lines; the column is too narrow",
                         "/ table 2 (Path): 'Keras' is 9 px; table text must be >= 11 px on a phone",
                         f"/: the link 'Open in Colab' is {height} px tall; tap targets must be >= 44 px",
                         "/: the copy button covers 'print(\"a first line long enoug' in the first line of a code block",
                         "/: the box-drawn output 'Model: \"sequential\"' wraps, so its columns fall apart; keep its lines whole",
                         f"/: chart {facts['small_charts'][0][0]} draws its labels at 5.4 px; they must be >= 11 px on a phone",
                         "/: chart inline planted-flowchart draws its labels at 2.7 px; they must be >= 11 px on a phone"]
