"""Widget scripts start the way Material expects: on ``document$``, not only on DOMContentLoaded.

Material emits ``document$`` for each page it shows; a script that waits only
for DOMContentLoaded runs once and misses pages shown by instant navigation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside import ROOT

SCRIPTS = sorted((ROOT / "overrides" / "assets" / "javascripts").glob("*.js"))


def test_there_are_widget_scripts() -> None:
    assert len(SCRIPTS) >= 5


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_script_that_waits_for_the_page_subscribes_to_document_observable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if "DOMContentLoaded" in text:
        assert "document$.subscribe(" in text, f"{path.name}: subscribe to Material's document$ (keep DOMContentLoaded only as the fallback)"
        assert text.index("document$.subscribe(") < text.index("DOMContentLoaded"), f"{path.name}: document$ first, the DOM event as fallback"
