"""The canary reports drift without touching recordings, records each pair's class, and the home table shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from packaging.version import Version

from sidebyside.data import canary as canary_data
from sidebyside.errors import SiteError, raise_all
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.runner import framework_version
from sidebyside.site.renderers import RenderContext, tested_versions
from sidebyside.tools.canary import main


def make_pair(root: Path, tf_code: str, pt_code: str, recorded: str) -> Path:
    topic = root / "demo"
    topic.mkdir(parents=True)
    for framework, label, code in (("tensorflow", "TensorFlow", tf_code), ("pytorch", "PyTorch", pt_code)):
        (topic / f"same.{framework}.py").write_text(f"# title: Same thing\n{code}\n", encoding="utf-8")
        (topic / f"same.{framework}.out").write_text(f"# tested with {label} {framework_version(framework)}\n{recorded}", encoding="utf-8")
    return topic


def test_unchanged_recordings_pass(tmp_path: Path) -> None:
    make_pair(tmp_path / "snippets", 'print("value: 1.0000")', 'print("value: 1.0000")', "value: 1.0000\n")
    report = tmp_path / "report.md"
    assert main(["--root", str(tmp_path / "snippets"), "--report", str(report), "--outdir", str(tmp_path / "new")]) == 0
    assert "Nothing changed" in report.read_text(encoding="utf-8")


def test_changed_output_and_broken_parity_are_reported_not_recorded(tmp_path: Path) -> None:
    topic = make_pair(tmp_path / "snippets", 'print("value: 1.0000")', 'print("value: 1.0001")', "value: 1.0000\n")
    before = (topic / "same.pytorch.out").read_text(encoding="utf-8")
    report = tmp_path / "report.md"
    assert main(["--root", str(tmp_path / "snippets"), "--report", str(report), "--outdir", str(tmp_path / "new")]) == 1
    text = report.read_text(encoding="utf-8")
    assert "1 changed output, 0 failed, 1 parity pairs broken" in text
    assert "-value: 1.0000\n+value: 1.0001" in text
    assert "- `demo/same`" in text
    assert (topic / "same.pytorch.out").read_text(encoding="utf-8") == before, "the canary must never rewrite a recording"
    assert (tmp_path / "new" / "demo" / "same.pytorch.out").read_text(encoding="utf-8") == "value: 1.0001\n"


def test_a_snippet_that_fails_is_listed(tmp_path: Path) -> None:
    make_pair(tmp_path / "snippets", 'raise RuntimeError("new API")', 'print("value: 1.0000")', "value: 1.0000\n")
    report = tmp_path / "report.md"
    assert main(["--root", str(tmp_path / "snippets"), "--report", str(report), "--outdir", str(tmp_path / "new")]) == 1
    text = report.read_text(encoding="utf-8")
    assert "## Failed to run" in text and "RuntimeError: new API" in text


def test_record_classes_each_pair_and_names_versions(tmp_path: Path) -> None:
    make_pair(tmp_path / "snippets", 'print("value: 1.0000")', 'print("value: 1.0001")', "value: 1.0000\n")
    other = tmp_path / "snippets" / "demo2"
    other.mkdir()
    for framework, label in (("tensorflow", "TensorFlow"), ("pytorch", "PyTorch")):
        (other / f"ok.{framework}.py").write_text('# title: Fine\nprint("ok")\n', encoding="utf-8")
        (other / f"ok.{framework}.out").write_text(f"# tested with {label} {framework_version(framework)}\nok\n", encoding="utf-8")
    (other / "bad.tensorflow.py").write_text('# title: Bad\nraise SystemExit("gone")\n', encoding="utf-8")
    (other / "bad.pytorch.py").write_text('# title: Bad\nprint("ok")\n', encoding="utf-8")
    for framework, label in (("tensorflow", "TensorFlow"), ("pytorch", "PyTorch")):
        (other / f"bad.{framework}.out").write_text(f"# tested with {label} {framework_version(framework)}\nok\n", encoding="utf-8")
    out = tmp_path / "canary"
    args = ["--root", str(tmp_path / "snippets"), "--report", str(tmp_path / "r.md"), "--outdir", str(tmp_path / "new"), "--record", str(out)]
    assert main(args) == 1
    (written,) = out.glob("*.json")
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["pairs"] == {"identical": ["demo2/ok"], "changed": ["demo/same"], "failing": ["demo2/bad"]}
    assert data["parity_broken"] == ["demo/same"]
    assert data["installed"]["torch"] == framework_version("pytorch")
    assert data["halves"] == 6
    assert data["changes"] == {"demo/same.pytorch.py": ["value: 1.0000", "value: 1.0001"]}
    assert list(data["failures"]) == ["demo2/bad.tensorflow.py"]
    assert canary_data.load_canary(written).changes == data["changes"]


def test_an_edited_record_that_no_longer_holds_together_is_refused(tmp_path: Path) -> None:
    """Planted: a failing pair's reason emptied, or a changed pair's line removed, by hand."""
    base = {"date": "2026-11-28", "installed": {}, "recorded_with": {}, "halves": 4, "parity_broken": [],
            "pairs": {"identical": [], "changed": ["a/x"], "failing": ["b/y"]},
            "failures": {"b/y.pytorch.py": "boom"}, "changes": {"a/x.tensorflow.py": ["1", "2"]}}
    path = tmp_path / "2026-11-28.json"
    path.write_text(json.dumps(base), encoding="utf-8")
    assert canary_data.load_canary(path).failures == {"b/y.pytorch.py": "boom"}
    for field, kind in (("failures", "failing"), ("changes", "changed")):
        path.write_text(json.dumps({**base, field: {}}), encoding="utf-8")
        with pytest.raises(SiteError, match=rf"2026-11-28\.json: the pairs listed as {kind} do not match the halves under '{field}'"):
            canary_data.load_canary(path)


def sealed_run(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A canary run over one changed, one identical and one failing pair; its record and the recordings it saw."""
    make_pair(tmp_path / "snippets", 'print("value: 1.0000")', 'print("value: 1.0001")', "value: 1.0000\n")
    other = tmp_path / "snippets" / "demo2"
    other.mkdir()
    halves = {"ok": ('print("ok")', 'print("ok")', "ok"), "bad": ('raise SystemExit("gone")', "print(1)", "1")}
    for name, (tf_code, pt_code, recorded) in halves.items():
        for framework, label, code in (("tensorflow", "TensorFlow", tf_code), ("pytorch", "PyTorch", pt_code)):
            (other / f"{name}.{framework}.py").write_text(f"# title: T\n{code}\n", encoding="utf-8")
            (other / f"{name}.{framework}.out").write_text(f"# tested with {label} {framework_version(framework)}\n{recorded}\n",
                                                        encoding="utf-8")
    out = tmp_path / "canary"
    main(["--root", str(tmp_path / "snippets"), "--report", str(tmp_path / "r.md"), "--outdir", str(tmp_path / "new"), "--record", str(out)])
    (written,) = out.glob("*.json")
    return written, canary_data.recorded_outputs(discover(tmp_path / "snippets"))


def test_the_seals_of_a_real_run_give_its_classes(tmp_path: Path) -> None:
    written, recordings = sealed_run(tmp_path)
    record = canary_data.load_canary(written)
    assert record.pairs == {"identical": ["demo2/ok"], "changed": ["demo/same"], "failing": ["demo2/bad"]}
    assert len(record.outputs) == 6 and record.outputs["demo2/bad.tensorflow.py"]["now"] is None
    assert canary_data.seal_problems(record, recordings) == ([], set())


@pytest.mark.parametrize("lie", ["changed moved to identical", "failing moved to identical", "recorded seal copied to now"])
def test_a_pair_moved_to_a_kinder_class_by_hand_is_refused(tmp_path: Path, lie: str) -> None:
    """Planted: the edits that make a run look cleaner, each with its list of changes or failures emptied to match."""
    written, recordings = sealed_run(tmp_path)
    data = json.loads(written.read_text(encoding="utf-8"))
    moved = "demo2/bad" if lie.startswith("failing") else "demo/same"
    kind = "failing" if lie.startswith("failing") else "changed"
    data["pairs"][kind].remove(moved)
    data["pairs"]["identical"].append(moved)
    data["failures" if kind == "failing" else "changes"] = {}
    if lie == "recorded seal copied to now":
        for half in ("demo/same.tensorflow.py", "demo/same.pytorch.py"):
            data["outputs"][half]["now"] = data["outputs"][half]["recorded"]
    written.write_text(json.dumps(data, indent=2), encoding="utf-8")
    problems, _ = canary_data.seal_problems(canary_data.load_canary(written), recordings)
    (problem,) = problems
    line = next(n for n, row in enumerate(written.read_text(encoding="utf-8").splitlines(), 1) if f'"{moved}"' in row)
    assert problem.message == (f"{written}:{line}: {moved} is listed as identical, but the seals of what its halves printed "
                               f"say {kind}; re-run 'make canary' instead of editing the record")


def test_a_pair_re_recorded_after_the_run_is_named_not_judged(tmp_path: Path) -> None:
    written, recordings = sealed_run(tmp_path)
    recordings["demo/same.pytorch.py"] = "value: 1.0001\n"
    assert canary_data.seal_problems(canary_data.load_canary(written), recordings) == ([], {"demo/same"})


def test_the_newest_record_holds_together_with_the_recordings() -> None:
    record = canary_data.latest_canary()
    assert record is not None and record.outputs, f"{record.path.name if record else 'data/canary'}: no seals; re-run 'make canary'"
    problems, _ = canary_data.seal_problems(record, canary_data.recorded_outputs(discover()))
    raise_all(problems)


def test_first_change_names_the_line_that_moved() -> None:
    from sidebyside.tools.canary import first_change
    assert first_change("a\nb\nc\n", "a\nB\nc\n") == ["b", "B"]
    assert first_change("a\nb\n", "a\n") == ["b", "(no line)"]
    assert first_change("a\n", "a\nb\n") == ["(no line)", "b"]


def test_home_table_shows_pinned_and_newest_with_the_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = {"date": "2026-11-28", "installed": {"tensorflow-cpu": "9.1.0", "torch": "9.2.0", "keras": "9.3.0"},
              "recorded_with": {}, "halves": 4, "pairs": {"identical": ["a/x"], "changed": ["b/y"], "failing": []},
              "parity_broken": [], "failures": {}, "changes": {"b/y.pytorch.py": ["torch.version.cuda: None", "torch.version.cuda: 13.0"]}}
    (tmp_path / "2026-11-28.json").write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(tested_versions, "latest_canary", lambda: canary_data.latest_canary(tmp_path))
    ctx = RenderContext(page_src="index.md", line=1, arg="tested-versions", pairs=discover(require_outputs=False), config=None)
    text = tested_versions.render(ctx)
    assert "Newest checked (2026-11-28)" in text
    assert f"| TensorFlow | `{framework_version('tensorflow')}` |" in text and "| `9.1.0` |" in text
    assert "| `9.2.0` |" in text and "| Keras |" in text and "| `9.3.0` |" in text
    assert "1 of 2 pairs printed exactly their recorded output, 1 printed something different and 0 failed to run." in text
    record["parity_broken"] = ["b/y"]
    (tmp_path / "2026-11-28.json").write_text(json.dumps(record), encoding="utf-8")
    assert "; 1 pair no longer agrees across frameworks under its parity rule (`b/y`)." in tested_versions.render(ctx)
    assert "<li><code>b/y.pytorch.py</code>: <code>torch.version.cuda: None</code> → <code>torch.version.cuda: 13.0</code></li>" in text
    (tmp_path / "2026-11-29.json").write_text("{}", encoding="utf-8")  # a broken newer record names itself
    with pytest.raises(SiteError, match=r"2026-11-29\.json: not a canary record"):
        canary_data.latest_canary(tmp_path)


def test_home_table_says_how_many_site_pairs_the_canary_covered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counts come from the record and the catalog; a record older than the newest pairs says so (planted: one pair short)."""
    pairs = discover(require_outputs=False)
    keys = sorted(pairs)
    record = {"date": "2026-11-28", "installed": {"torch": "9.2.0"}, "recorded_with": {}, "halves": 0,
              "pairs": {"identical": keys[2:], "changed": [], "failing": [keys[1]]}, "parity_broken": [],
              "failures": {f"{keys[1]}.pytorch.py": "snippets/x.py: snippet exited with status -11: no error output; fix the script"}}
    (tmp_path / "2026-11-28.json").write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(tested_versions, "latest_canary", lambda: canary_data.latest_canary(tmp_path))
    ctx = RenderContext(page_src="index.md", line=1, arg="tested-versions", pairs=pairs, config=None)
    text = tested_versions.render(ctx)
    assert f"The canary ran {len(keys) - 1} of the site's {len(keys)} pairs; 1 added since" in text
    assert f"`{keys[0]}`" in text
    assert "snippet exited with status -11: no error output" in text and "fix the script" not in text
    record["pairs"]["identical"] = keys
    (tmp_path / "2026-11-28.json").write_text(json.dumps(record), encoding="utf-8")
    assert f"The canary ran all {len(keys)} pairs on the site." in tested_versions.render(ctx)


def test_recorded_failures_name_no_machine_path() -> None:
    from sidebyside import ROOT
    from sidebyside.tools.canary import portable
    message = f"{ROOT}/snippets/a/b.pytorch.py: boom; fix the script and check it with: {__import__('sys').executable} {ROOT}/snippets/a/b.pytorch.py"
    assert portable(message) == "snippets/a/b.pytorch.py: boom; fix the script and check it with: python snippets/a/b.pytorch.py"


MACHINE_PATH = r"(/work/|/home/|/root/|/tmp/|/Users/|[A-Z]:\\\\)"


def test_no_committed_record_holds_a_machine_path() -> None:
    """Records are read by everyone: a build machine's absolute path in one is noise at best (planted below)."""
    import re

    from sidebyside import ROOT
    offenders = [p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*")
                 if p.suffix in {".json", ".yml", ".yaml"} and re.search(MACHINE_PATH, p.read_text(encoding="utf-8"))]
    assert offenders == [], f"absolute machine paths in {offenders}: re-record them with the tool that wrote them"
    assert re.search(MACHINE_PATH, '"x": "/work/wt-current/.venv-canary/bin/python"')


CANARY_REGISTRY_NAME = {"tensorflow-cpu": "tensorflow"}
"""tensorflow-cpu is released in step with tensorflow, under the same version numbers."""


def unpublished(installed: dict[str, str], lists) -> list[str]:
    """Installed versions a canary record names that the recorded registry list does not."""
    from sidebyside.data.facts import package_key
    found = []
    for dist, version in installed.items():
        known = lists.packages.get(package_key("pypi", CANARY_REGISTRY_NAME.get(dist, dist)))
        base = version.split("+", 1)[0]
        if known is not None and base not in known.releases:
            found.append(f"{dist} {version}")
    return found


def test_canary_versions_are_releases_the_registry_lists() -> None:
    """A record's versions come from pip, so each is a published release (planted: a torch version edited by hand)."""
    from sidebyside.data.facts import load_release_lists
    lists = load_release_lists()
    record = canary_data.latest_canary()
    assert record is not None
    assert unpublished(record.installed, lists) == [], (
        f"{record.path.name} names versions no registry published: re-run 'make canary' instead of editing it")
    assert {"torch", "jax"} <= {dist for dist in record.installed if CANARY_REGISTRY_NAME.get(dist, dist) in
                                {lists.packages[k].name for k in lists.packages}}
    assert unpublished({**record.installed, "torch": "2.15.9"}, lists) == ["torch 2.15.9"]


def test_every_recorded_version_is_the_newest_the_registry_listed_by_that_day() -> None:
    from sidebyside.data.facts import load_release_lists
    lists = load_release_lists()
    for path in sorted(canary_data.CANARY_DIR.glob("*.json")):
        raise_all(canary_data.newest_problems(canary_data.load_canary(path), lists))


def test_lie_the_newest_torch_version_changed_in_the_record(tmp_path: Path) -> None:
    """Planted: torch 2.15.0 -> 2.14.1 in a copy of the newest record (a published release, so only 'newest' catches it)."""
    from sidebyside.data.facts import load_release_lists
    lists = load_release_lists()
    record = canary_data.latest_canary()
    assert record is not None
    data = json.loads(record.path.read_text(encoding="utf-8"))
    newest = data["installed"]["torch"]
    older = sorted((v for v in lists.packages["pypi:torch"].releases if v != newest), key=Version)[-1]
    data["installed"]["torch"] = older
    path = tmp_path / record.path.name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if f'"torch": "{older}"' in text)
    (problem,) = canary_data.newest_problems(canary_data.load_canary(path), lists)
    assert problem.message == (f"{path}:{line}: torch {older} is not the newest release the registry listed by {data['date']} "
                               f"({newest}, releases.json); the canary installs the newest; "
                               "re-run 'make canary' instead of editing the record")
