"""The home page's "at a glance" on a 1280 px desktop: compact rows, each naming its pick once.

Five columns made each row 200-300 px tall and showed the pick twice (a
"PyTorch" badge beside "PyTorch with FSDP2"). ``problems`` turns the
measurements into messages; the planted page proves both fire.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light"}
MAX_ROW_PX = 170
"""Tallest acceptable row at 1280 px: about six lines of table text."""

MEASURE = """() => {
  let node = document.getElementById('at-a-glance');
  while (node && !(node.matches('table') || node.querySelector('table'))) node = node.nextElementSibling;
  if (!node) return null;
  const table = node.matches('table') ? node : node.querySelector('table');
  return [...table.querySelectorAll('tbody tr')].map(tr => {
    const badge = tr.cells[1].querySelector('.sbs-verdict'), link = tr.cells[1].querySelector('a');
    const twice = !!(badge && link && !badge.contains(link) && link.textContent.includes(badge.textContent.trim()));
    return {kind: tr.cells[0].firstChild.textContent.trim().slice(0, 40), height: Math.round(tr.getBoundingClientRect().height), twice};
  });
}"""


def problems(rows: list[dict] | None) -> list[str]:
    if not rows:
        return ["no 'at a glance' table after #at-a-glance"]
    found = []
    for row in rows:
        if row["height"] > MAX_ROW_PX:
            found.append(f"'{row['kind']}': row is {row['height']} px tall at 1280 px (at most {MAX_ROW_PX})")
        if row["twice"]:
            found.append(f"'{row['kind']}': the pick's badge repeats its recommendation's framework (name it once)")
    return found


def test_glance_rows_are_compact_and_name_the_pick_once(hosted_url: str, open_page) -> None:  # type: ignore[no-untyped-def]
    tab, _ = open_page((hosted_url.split("/tf-vs-pytorch/")[0],), **DESKTOP)
    tab.goto(hosted_url, wait_until="load")
    found = problems(tab.evaluate(MEASURE))
    assert not found, "\n".join(found)


PLANTED = """<!doctype html><h2 id="at-a-glance">At a glance</h2><table><tbody>
<tr><td>Large models</td><td><span class="sbs-verdict">PyTorch</span> <a>PyTorch with FSDP2</a></td><td>short</td></tr>
<tr><td>Tall</td><td><a>JAX</a></td><td style="height:400px">long</td></tr></tbody></table>"""


def test_planted_glance_faults_are_named(open_page) -> None:  # type: ignore[no-untyped-def]
    tab, _ = open_page(("about:",), **DESKTOP)
    tab.set_content(PLANTED)
    tall = tab.evaluate("() => Math.round(document.querySelectorAll('tr')[1].getBoundingClientRect().height)")
    assert tall > MAX_ROW_PX
    assert problems(tab.evaluate(MEASURE)) == [
        "'Large models': the pick's badge repeats its recommendation's framework (name it once)",
        f"'Tall': row is {tall} px tall at 1280 px (at most {MAX_ROW_PX})",
    ]
