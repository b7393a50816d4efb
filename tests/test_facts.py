"""``make facts``: registry answers are fetched, recorded, compared with the data and shown on the site.

No test touches the network. The fetch code talks to a local HTTP server on
127.0.0.1 that serves the recorded answers (data/facts/<newest>.json) in
PyPI's and npm's response shapes; a planted newer version must show up as
drift naming the data file and line.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.version import Version

from sidebyside.data.community import COMMUNITY, load_community
from sidebyside.data.facts import HARDWARE_RELEASES, RELEASE_LISTS, latest_record, load_record, load_release_lists, parse_record
from sidebyside.data.ledger_coverage import LEDGER_BEGAN, _package_problems, backlog_problems, is_placeholder, unreviewed
from sidebyside.data.releases import load_ledger
from sidebyside.errors import SiteError
from sidebyside.site.renderers.community_facts import fact_row
from sidebyside.tools import facts
from tests.local_registry import serve_json


def responses(overrides: dict[str, str] | None = None, planted: dict[str, str] | None = None) -> dict[str, dict]:
    """PyPI- and npm-shaped documents for every recorded answer and release list.

    ``overrides`` plants a newer "latest" version; ``planted`` adds a release
    (package key -> version) to a package's release list.
    """
    served: dict[str, dict] = {}
    lists = load_release_lists()
    for key, listed in lists.packages.items():
        releases = {v: f"{(day or lists.checked).isoformat()}T12:00:00.000000Z" for v, day in listed.releases.items()}
        if key in (planted or {}):
            releases[planted[key]] = f"{lists.checked.isoformat()}T12:00:00.000000Z"
        releases["9.0.0rc1"] = releases["9.0.0-beta.1"] = f"{lists.checked.isoformat()}T12:00:00.000000Z"  # never listed
        newest = max(releases, key=lambda v: (facts.is_final(v), Version(v.replace("-", ""))))
        if listed.registry == "pypi":
            files = {v: [{"upload_time_iso_8601": stamp}] for v, stamp in releases.items()}
            served[f"/pypi/{listed.name}/json"] = {"info": {"version": newest}, "urls": files[newest], "releases": files}
        else:
            served["/" + urllib.parse.quote(listed.name, safe="@")] = {"dist-tags": {"latest": newest}, "versions": {v: {} for v in releases},
                                                                       "time": {"created": "2016-01-01T00:00:00Z", **releases}}
    hardware = load_release_lists(HARDWARE_RELEASES)  # every release of the packages the support matrix declares
    for listed in hardware.packages.values():
        files = {v: [{"upload_time_iso_8601": f"{day.isoformat()}T12:00:00.000000Z"}] for v, day in listed.releases.items() if day}
        doc = served.setdefault(f"/pypi/{listed.name}/json", {"info": {"version": max(files, key=Version)}, "releases": {}})
        doc.setdefault("urls", files[doc["info"]["version"]])
        doc["releases"] = {**files, **doc["releases"]}
    for key, answer in latest_record().answers.items():
        version = (overrides or {}).get(key, answer.version)
        stamp = f"{answer.released.isoformat()}T12:00:00.000000Z"
        if answer.registry == "pypi":
            doc = served.setdefault(f"/pypi/{answer.name}/json", {})
            doc.update(info={"version": version}, urls=[{"upload_time_iso_8601": stamp}])
        else:
            doc = served.setdefault("/" + urllib.parse.quote(answer.name, safe="@"), {"time": {}})
            doc["dist-tags"] = {"latest": version}
            doc["time"][version] = stamp
            if "versions" in doc:
                doc["versions"][version] = {}
    return served


@pytest.fixture
def registry() -> Iterator[tuple[str, dict[str, dict]]]:
    """A local registry on 127.0.0.1; tests edit the served documents through the yielded dict."""
    served: dict[str, dict] = responses()
    with serve_json(served) as base:
        yield base, served


def run(base: str, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = facts.main(["--out", str(out), "--pypi", base, "--npm", base])
    return code, capsys.readouterr().out


def test_fetch_records_what_the_registry_answers(registry, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    base, _ = registry
    code, out = run(base, tmp_path, capsys)
    assert code == 0, out
    assert "No drift" in out
    written = tmp_path / f"{datetime.date.today().isoformat()}.json"
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted([written.name, RELEASE_LISTS.name, HARDWARE_RELEASES.name])
    hardware, recorded_hardware = load_release_lists(tmp_path / HARDWARE_RELEASES.name), load_release_lists(HARDWARE_RELEASES)
    assert {k: rl.releases for k, rl in hardware.packages.items()} == {k: rl.releases for k, rl in recorded_hardware.packages.items()}
    lists, recorded_lists = load_release_lists(tmp_path / RELEASE_LISTS.name), load_release_lists()
    assert {k: rl.releases for k, rl in lists.packages.items()} == {k: rl.releases for k, rl in recorded_lists.packages.items()}
    fresh, recorded = load_record(written), latest_record()
    assert {k: (a.version, a.released) for k, a in fresh.answers.items()} == {k: (a.version, a.released) for k, a in recorded.answers.items()}
    assert set(fresh.answers) == {facts.package_key(r, n) for r, n in facts.PACKAGES}


def test_a_newer_release_is_reported_as_drift(registry, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    base, served = registry
    served.update(responses({"pypi:torch": "9.9.9", "npm:@tensorflow/tfjs": "5.0.0"}))
    code, out = run(base, tmp_path, capsys)
    assert code == 1
    torch_line = next(f.line for s in load_community() for f in s.facts if f.registry == "pypi:torch")
    assert f"- community.yml:{torch_line}: pypi:torch is declared as" in out and "the registry now answers 9.9.9" in out
    assert "npm:@tensorflow/tfjs" in out.split("Drift:")[1]


def test_every_declared_version_matches_the_newest_record() -> None:
    """A newer record without re-checked data fails here: re-check the verdicts, then update 'version:'."""
    assert [d.line() for d in facts.drift(latest_record(), COMMUNITY)] == []
    declared = {f.registry for s in load_community() for f in s.facts if f.registry}
    assert declared == set(latest_record().answers)  # every asked package is shown somewhere


def test_only_https_or_a_local_test_server_is_asked() -> None:
    with pytest.raises(SiteError, match="must be https"):
        facts.pypi_answer("http://example.org", "torch")


def test_registry_rows_show_the_answer_and_the_day_it_was_checked() -> None:
    record = latest_record()
    fact = next(f for s in load_community() for f in s.facts if f.registry == "npm:@tensorflow/tfjs")
    row = fact_row(fact, record)
    answer = record.answers["npm:@tensorflow/tfjs"]
    assert f"**`{answer.version}`**" in row and f"| {answer.released.isoformat()} |" in row
    assert f"checked {record.checked.isoformat()}" in row


def test_a_broken_record_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="lacks registry, name, version or released"):
        parse_record(tmp_path / "x.json", {"checked": "2026-11-28", "packages": {"pypi:torch": {"version": "1"}}})
    with pytest.raises(SiteError, match="does not match its registry and name"):
        parse_record(tmp_path / "x.json", {"checked": "2026-11-28", "packages": {
            "pypi:keras": {"registry": "pypi", "name": "torch", "version": "1", "released": "2026-01-01"}}})


LEDGER = functools.cache(load_ledger)
"""The ledger is read once per test run: it is the slow part of these checks."""


def test_the_ledger_reviews_every_recorded_release() -> None:
    """The gate: a release the registry listed (data/facts/releases.json) without a ledger entry fails here."""
    assert [e.message for e in unreviewed(LEDGER(), load_release_lists())] == []


def _planted_problems(lists_path: Path) -> list[str]:
    before = {e.message for e in unreviewed(LEDGER(), load_release_lists())}
    return [e.message for e in unreviewed(LEDGER(), load_release_lists(lists_path)) if e.message not in before]


def test_a_newer_release_in_a_copy_of_the_record_fails_naming_it(tmp_path: Path) -> None:
    data = json.loads(RELEASE_LISTS.read_text(encoding="utf-8"))
    data["packages"]["pypi:keras"]["releases"] = {"9.9.9": data["checked"], **data["packages"]["pypi:keras"]["releases"]}
    copy = tmp_path / RELEASE_LISTS.name
    copy.write_text(json.dumps(data), encoding="utf-8")
    assert _planted_problems(copy) == [
        f"data/releases/keras.yml: keras 9.9.9 (released on {data['checked']}, listed on {data['checked']}) has no ledger entry; "
        "read its release notes and add 'version: \"9.9.9\"' under 'releases:' with its changes or 'nothing:'"]


def test_a_release_published_on_the_registry_fails_until_reviewed(registry, tmp_path: Path, capsys, monkeypatch) -> None:
    """End to end: the registry lists torch 9.9.9, make facts records it, the ledger check names it."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    base, served = registry
    served.update(responses(planted={"pypi:torch": "9.9.9"}))
    assert facts.main(["--out", str(tmp_path), "--pypi", base, "--npm", base, "--releases-only"]) == 0
    (problem,) = _planted_problems(tmp_path / RELEASE_LISTS.name)
    assert problem.startswith("data/releases/torch.yml: torch 9.9.9 (released on ") and "has no ledger entry" in problem


def test_a_ledger_release_the_registry_lacks_or_dates_otherwise_fails(tmp_path: Path) -> None:
    data = json.loads(RELEASE_LISTS.read_text(encoding="utf-8"))
    releases = data["packages"]["pypi:keras"]["releases"]
    oldest = min(releases, key=Version)
    del releases[oldest]
    newest = max(releases, key=Version)
    releases[newest] = "2024-01-01"
    copy = tmp_path / RELEASE_LISTS.name
    copy.write_text(json.dumps(data), encoding="utf-8")
    keras = next(p for p in LEDGER() if p.key == "pypi:keras")
    line = {r.version: r.line for r in keras.releases}
    day = {r.version: r.date for r in keras.releases}
    assert sorted(_planted_problems(copy)) == sorted([
        f"data/releases/keras.yml:{line[oldest]}: keras {oldest} is not a final release the registry listed on {data['checked']}; "
        "check the version (pre-releases are not listed), or run 'make facts' if it is newer",
        f"data/releases/keras.yml:{line[newest]}: keras {newest} is dated {day[newest]}, the registry says 2024-01-01; write date: 2024-01-01"])


def test_pre_releases_are_never_listed() -> None:
    assert [facts.is_final(v) for v in ("2.13.0", "0.12.0.1", "2.13.0rc1", "3.0.0.dev1", "4.0.0-rc.1", "1.0b2")] == [
        True, True, False, False, False, False]


def test_a_release_published_since_the_ledger_began_cannot_be_marked_not_reviewed(tmp_path: Path) -> None:
    keras = next(p for p in LEDGER() if p.key == "pypi:keras")
    release = keras.releases[0]
    lists = load_release_lists()
    listed = dataclasses.replace(lists.packages["pypi:keras"], releases={**lists.packages["pypi:keras"].releases,
                                                                         release.version: LEDGER_BEGAN})
    lists = dataclasses.replace(lists, packages={**lists.packages, "pypi:keras": listed})
    planted = dataclasses.replace(keras, releases=(dataclasses.replace(release, nothing="Not reviewed yet: later", changes=(),
                                                                       date=LEDGER_BEGAN), *keras.releases[1:]))
    messages = [e.message for e in _package_problems(planted, lists)]
    assert messages == [f"data/releases/keras.yml:{release.line}: keras {release.version} is marked as not reviewed; "
                        "read its release notes and list its changes, or say in 'nothing:' why none matters to readers"]


def test_the_backlog_of_releases_not_reviewed_only_shrinks() -> None:
    ledger = LEDGER()
    assert backlog_problems(ledger) == []
    marked = sum(is_placeholder(r) for p in ledger for r in p.releases)
    assert next(e.message.split(";")[0] for e in backlog_problems(ledger, marked - 1)).endswith(
        f"{marked} releases are marked as not reviewed, more than the backlog limit of {marked - 1} "
        "(sidebyside/data/ledger_coverage.py)")
    assert [e.message for e in backlog_problems(ledger, marked + 1)] == [
        f"sidebyside/data/ledger_coverage.py: BACKLOG_LIMIT says {marked + 1} releases are not reviewed, but {marked} are; "
        f"lower BACKLOG_LIMIT to {marked}"]
