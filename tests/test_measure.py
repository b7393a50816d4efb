"""The timing report reads the slowest tests from the run's own JUnit XML."""

from __future__ import annotations

from pathlib import Path

from sidebyside.tools.measure import pytest_seconds, slowest


def test_slowest_lists_the_longest_tests_first(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.test_a" name="quick" time="0.5"/>'
        '<testcase classname="tests.test_b" name="build" time="42.0"/>'
        '<testcase classname="tests.test_c" name="snippet[x]" time="7.25"/>'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    top = slowest(junit, count=2)
    assert [(t.name, t.seconds) for t in top] == [("tests.test_b::build", 42.0), ("tests.test_c::snippet[x]", 7.25)]


def test_pytest_part_is_read_from_the_report_and_missing_when_pytest_never_ran(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    assert pytest_seconds(junit) is None
    junit.write_text('<testsuites><testsuite name="pytest" time="612.5"><testcase name="a" time="1"/></testsuite></testsuites>',
                     encoding="utf-8")
    assert pytest_seconds(junit) == 612.5
