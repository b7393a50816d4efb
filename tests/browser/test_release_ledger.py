"""The release ledger page's filters in headless Chromium, from the offline build (file://).

Choosing a framework leaves only that framework's packages; choosing a kind
leaves only releases with a change of that kind and only those changes; the
count line agrees with the ledger data, and the page asks for nothing from
the network.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LOCAL_SCHEMES, offline_path

from sidebyside.data.releases import ledger_page, load_ledger

pytestmark = pytest.mark.browser


def test_framework_and_kind_filters_work_offline(offline_site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    ledger = [p for p in load_ledger() if ledger_page(p) == "reference/releases.md"]
    framework, kind = "PyTorch", "removed"
    mine = [p for p in ledger if p.framework == framework]
    releases = [r for p in mine for r in p.releases if any(c.kind == kind for c in r.changes)]
    changes = sum(1 for r in releases for c in r.changes if c.kind == kind)
    tab, log = open_page(LOCAL_SCHEMES)
    tab.goto((offline_site / offline_path("reference/releases")).as_uri())
    count = tab.locator("#sbs-ledger-count")
    total = sum(len(p.releases) for p in ledger), sum(len(r.changes) for p in ledger for r in p.releases)
    assert count.inner_text() == f"{total[0]} releases, {total[1]} changes shown"
    tab.select_option("#sbs-ledger-framework", framework)
    assert count.inner_text() == f"{sum(len(p.releases) for p in mine)} releases, {sum(len(r.changes) for p in mine for r in p.releases)} changes shown"
    tab.select_option("#sbs-ledger-kind", kind)
    assert count.inner_text() == f"{len(releases)} releases, {changes} changes shown"
    shown = tab.eval_on_selector_all(".sbs-ledger-package:not([hidden])", "els => els.map(e => e.dataset.framework)")
    visible = ".sbs-ledger-package:not([hidden]) .sbs-ledger-release:not([hidden]) li:not([hidden])"
    kinds = tab.eval_on_selector_all(visible, "els => els.map(e => e.dataset.kind)")
    assert set(shown) == {framework} and set(kinds) == {kind} and len(kinds) == changes
    assert not log.offenders and not log.errors, log.offenders + log.errors
