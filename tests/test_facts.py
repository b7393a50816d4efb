"""``make facts``: registry answers are fetched, recorded, compared with the data and shown on the site.

No test touches the network. The fetch code talks to a local HTTP server on
127.0.0.1 that serves the recorded answers (data/facts/<newest>.json) in
PyPI's and npm's response shapes; a planted newer version must show up as
drift naming the data file and line.
"""

from __future__ import annotations

import datetime
import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sidebyside.data.community import COMMUNITY, load_community
from sidebyside.data.facts import latest_record, load_record, parse_record
from sidebyside.errors import SiteError
from sidebyside.site.renderers.community_facts import fact_row
from sidebyside.tools import facts


def responses(overrides: dict[str, str] | None = None) -> dict[str, dict]:
    """PyPI- and npm-shaped documents for every recorded answer (optionally with planted versions)."""
    served = {}
    for key, answer in latest_record().answers.items():
        version = (overrides or {}).get(key, answer.version)
        stamp = f"{answer.released.isoformat()}T12:00:00.000000Z"
        if answer.registry == "pypi":
            served[f"/pypi/{answer.name}/json"] = {"info": {"version": version}, "urls": [{"upload_time_iso_8601": stamp}]}
        else:
            served["/" + urllib.parse.quote(answer.name, safe="@")] = {"dist-tags": {"latest": version}, "time": {version: stamp}}
    return served


@pytest.fixture
def registry() -> Iterator[tuple[str, dict[str, dict]]]:
    """A local registry on 127.0.0.1; tests edit the served documents through the yielded dict."""
    served: dict[str, dict] = responses()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = served.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body or {"message": "not found"}).encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", served
    finally:
        server.shutdown()


def run(base: str, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = facts.main(["--out", str(out), "--pypi", base, "--npm", base])
    return code, capsys.readouterr().out


def test_fetch_records_what_the_registry_answers(registry, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    base, _ = registry
    code, out = run(base, tmp_path, capsys)
    assert code == 0, out
    assert "No drift" in out
    (written,) = tmp_path.glob("*.json")
    assert written.name == f"{datetime.date.today().isoformat()}.json"
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
