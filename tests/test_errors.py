"""Every tool ends the same way on bad input: ``error: file:line: what; fix`` lines and exit status 1."""

from __future__ import annotations

import pytest

from sidebyside.errors import SiteError, SiteErrors, raise_all, tool_main


def test_a_tool_prints_each_error_on_one_line_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    def main() -> int:
        raise_all([SiteError("data/x.yml", 3, "bad key", "remove it"), SiteError("data/y.yml", None, "empty")])
        return 0

    with pytest.raises(SystemExit) as stop:
        tool_main(main)
    assert stop.value.code == 1
    assert capsys.readouterr().err == "error: data/x.yml:3: bad key; remove it\nerror: data/y.yml: empty\n"


def test_a_tool_that_succeeds_exits_with_its_own_status() -> None:
    with pytest.raises(SystemExit) as stop:
        tool_main(lambda: None)
    assert stop.value.code == 0
    with pytest.raises(SystemExit) as stop:
        tool_main(lambda: 3)
    assert stop.value.code == 3


def test_raise_all_raises_one_error_itself_and_several_together() -> None:
    raise_all([])
    one = SiteError("a.md", 1, "x")
    with pytest.raises(SiteError) as caught:
        raise_all([one])
    assert caught.value is one
    with pytest.raises(SiteErrors):
        raise_all([one, one])
