"""'Show side by side' on a wide screen: the clicked pair stays where the reader is, panes share the width.

On the JAX page every pair above the clicked one changes height when the
mode flips; without care the clicked example jumps off the screen. Panes
(two or three per pair) must sit in one row at equal widths.
"""

from __future__ import annotations

import pytest
from conftest import hosted_path

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PAGE = "topics/jax-and-keras-backends"


def toggle_problems(tab) -> list[str]:  # type: ignore[no-untyped-def]
    """Click 'Show side by side' on the page's middle pair; what went wrong, one message each."""
    pairs = tab.locator(".sbs-pair")
    target = pairs.nth(pairs.count() // 2)
    target.scroll_into_view_if_needed()
    target.locator(".sbs-view-toggle").click()
    tab.wait_for_function("() => document.documentElement.classList.contains('sbs-columns')")
    found = []
    top = round(target.evaluate("e => e.getBoundingClientRect().top"))
    if not 0 <= top < DESKTOP["viewport"]["height"]:
        found.append(f"the clicked pair moved to {top} px, outside the {DESKTOP['viewport']['height']} px window")
    widths = tab.evaluate("""() => [...document.querySelectorAll('.sbs-pair .tabbed-content')]
        .map(c => [...c.children].filter(b => b.classList.contains('tabbed-block'))
        .map(b => [Math.round(b.getBoundingClientRect().width), Math.round(b.getBoundingClientRect().top)]))
        .filter(panes => panes.length > 1)""")
    for panes in widths:
        if max(w for w, _ in panes) - min(w for w, _ in panes) > 2 or len({t for _, t in panes}) > 1:
            found.append(f"panes not in one row of equal widths: (width, top) {panes}")
            break
    return found


def test_the_clicked_pair_stays_in_view_and_panes_share_the_width(hosted_url: str, prefix: str, open_page) -> None:  # type: ignore[no-untyped-def]
    tab, _ = open_page((hosted_url.split(prefix)[0],), **DESKTOP)
    tab.goto(hosted_url + hosted_path(PAGE), wait_until="load")
    found = toggle_problems(tab)
    assert not found, "\n".join(found)


def test_a_jumping_pair_and_a_wrapped_third_pane_are_named(hosted_url: str, prefix: str, open_page) -> None:  # type: ignore[no-untyped-def]
    """Planted: the script without its scroll correction, the stylesheet with the old two-column grid."""
    tab, _ = open_page((hosted_url.split(prefix)[0],), **DESKTOP)

    def planted(route, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
        body = route.fetch().text()
        assert old in body, f"{route.request.url} no longer holds {old!r}: update the planted lie"
        route.fulfill(body=body.replace(old, new), content_type="text/css" if route.request.url.endswith(".css")
                      else "text/javascript")

    tab.route("**/reading-modes.js", lambda r: planted(r, "window.scrollBy(", "void ("))
    tab.route("**/site.css", lambda r: planted(r, "grid-auto-flow: column;", "grid-template-columns: 1fr 1fr;"))  # reading-modes.css in it
    tab.goto(hosted_url + hosted_path(PAGE), wait_until="load")
    found = toggle_problems(tab)
    assert len(found) == 2 and found[0].startswith("the clicked pair moved to ") and \
        found[0].endswith("px, outside the 800 px window"), found
    assert found[1].startswith("panes not in one row of equal widths: (width, top) "), found
