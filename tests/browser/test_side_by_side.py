"""'Show side by side' on a wide screen: the clicked pair stays where the reader is, panes share the width."""

from __future__ import annotations

import pytest
from conftest import hosted_path

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def test_the_clicked_pair_stays_in_view_and_panes_share_the_width(hosted_url: str, prefix: str, open_page) -> None:  # type: ignore[no-untyped-def]
    tab, _ = open_page((hosted_url.split(prefix)[0],), **DESKTOP)
    tab.goto(hosted_url + hosted_path("topics/jax-and-keras-backends"), wait_until="load")
    pairs = tab.locator(".sbs-pair")
    target = pairs.nth(pairs.count() // 2)
    target.scroll_into_view_if_needed()
    target.locator(".sbs-view-toggle").click()
    tab.wait_for_function("() => document.documentElement.classList.contains('sbs-columns')")
    top = target.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 800, f"the clicked pair moved to {top:.0f} px, outside the 800 px window"
    widths = tab.evaluate("""() => [...document.querySelectorAll('.sbs-pair .tabbed-content')].map(c =>
        [...c.children].filter(b => b.classList.contains('tabbed-block')).map(b => Math.round(b.getBoundingClientRect().width)))
        .filter(w => w.length > 1)""")
    uneven = [w for w in widths if max(w) - min(w) > 2]
    assert widths and not uneven, f"panes of unequal width: {uneven[:3]}"
