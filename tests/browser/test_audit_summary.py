"""The Lighthouse gate reads scores right and names the audits that cost points (no browser needed)."""

from __future__ import annotations

import itertools

import pytest

from sidebyside.tools.audit import MINIMUM, cpu_multiplier, gate_decided, median_audit, runs_for, summarise


def report(scores: dict[str, float], audits: dict[str, float]) -> dict:
    """A minimal Lighthouse JSON report: every audit weighs 1 in every category."""
    return {
        "categories": {key: {"score": score, "auditRefs": [{"id": a, "weight": 1} for a in audits]} for key, score in scores.items()},
        "audits": {a: {"id": a, "score": s, "displayValue": f"{s:.0%}"} for a, s in audits.items()},
    }


def test_perfect_scores_pass() -> None:
    audit = summarise("home", "desktop", report(dict.fromkeys(MINIMUM, 1.0), {"target-size": 1.0}))
    assert audit.failures() == []


def test_performance_at_the_threshold_passes_and_below_fails() -> None:
    at = summarise("home", "desktop", report({**dict.fromkeys(MINIMUM, 1.0), "performance": 0.95}, {"lcp": 0.9}))
    assert at.failures() == []
    below = summarise("home", "desktop", report({**dict.fromkeys(MINIMUM, 1.0), "performance": 0.94}, {"lcp": 0.9}))
    assert below.failures() == ["home (desktop): performance 0.94 < 0.95: lcp 90%"]


def test_accessibility_below_100_names_the_failing_audit() -> None:
    audit = summarise("execution-model", "desktop",
                      report({**dict.fromkeys(MINIMUM, 1.0), "accessibility": 0.96}, {"target-size": 0.0, "color-contrast": 1.0}))
    assert audit.failures() == ["execution-model (desktop): accessibility 0.96 < 1.0: target-size 0%"]


def test_a_missing_category_fails() -> None:
    scores = {key: 1.0 for key in MINIMUM if key != "seo"}
    assert summarise("home", "mobile", report(scores, {})).failures() == ["home (mobile): seo None < 1.0: no failing audit listed"]


def test_mobile_performance_under_90_is_gated_like_the_rest() -> None:
    at = summarise("home", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "performance": 0.90}, {"lcp": 0.8}))
    assert at.failures() == []
    below = summarise("home", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "performance": 0.89}, {"lcp": 0.8}))
    assert below.failures() == ["home (mobile): performance 0.89 < 0.9: lcp 80%"]
    seo = summarise("home", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "seo": 0.92}, {"meta": 0.0}))
    assert seo.failures() == ["home (mobile): seo 0.92 < 1.0: meta 0%"]


def test_the_cpu_multiplier_follows_the_host_index() -> None:
    """Lighthouse's guide: 4x takes the top of the high-end desktop bracket (2,000) to a mid-tier phone."""
    assert cpu_multiplier(2000) == 4.0
    assert cpu_multiplier(2800) == 5.6 and cpu_multiplier(1400) == 2.8
    assert cpu_multiplier(None) == 4.0 and cpu_multiplier(100) == 1.0 and cpu_multiplier(50000) == 20.0
    for slow, fast in itertools.pairwise((300, 800, 1400, 2000, 2800, 4000)):
        assert cpu_multiplier(slow) <= cpu_multiplier(fast), "a faster host must be slowed down more"


def test_the_median_of_three_runs_is_judged_not_the_best() -> None:
    runs = [summarise("home", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "performance": p}, {"lcp": p})) for p in (0.99, 0.72, 0.85)]
    median = median_audit(runs)
    assert median.scores["performance"] == 0.85
    assert median.failures() == ["home (mobile): performance 0.85 < 0.9: lcp 85%"]
    runs = [summarise("home", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "accessibility": a}, {"label": a})) for a in (1.0, 0.9, 0.95)]
    assert median_audit(runs).failures() == ["home (mobile): accessibility 0.95 < 1.0: label 95%"]


def test_an_early_verdict_always_equals_the_median_of_three() -> None:
    """Stopping after two agreeing runs gives the gate the third run would have given, for every order of scores."""
    levels = (0.72, 0.89, 0.90, 0.97)
    checked = 0
    for a, b, c in itertools.product(levels, repeat=3):
        for seo in itertools.product((0.92, 1.0), repeat=3):
            runs = [summarise("page", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "performance": p, "seo": s}, {}))
                    for p, s in zip((a, b, c), seo, strict=True)]
            whole = median_audit(runs)
            full = whole.failures() == []
            for seen in (1, 2, 3):
                if gate_decided(runs[:seen], 3):
                    early = median_audit(runs[:seen])
                    assert (early.failures() == []) == full, (a, b, c, seo, seen)
                    checked += 1
                    break
    assert checked == len(levels) ** 3 * 8  # every case ends in a verdict by the third run


def test_two_runs_that_disagree_need_the_third() -> None:
    runs = [summarise("home", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "performance": p}, {})) for p in (0.95, 0.85)]
    assert not gate_decided(runs, 3)
    assert gate_decided(runs[:1] * 2, 3)


def test_a_mobile_run_is_scored_at_the_slowdown_its_own_index_calls_for(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Gather, then score the same trace at host index / TARGET_INDEX (not at an earlier run's index)."""
    from pathlib import Path

    from sidebyside.tools import audit as tool

    calls: list[list[str]] = []

    def fake_lighthouse(jobs: list[list[str]], what: list[str]) -> None:
        (args,) = jobs
        calls.append(args)
        gather = next((a[3:] for a in args if a.startswith("-G=")), None)
        if gather:  # what Lighthouse saves: the index it measured and the settings it ran with
            Path(gather, "artifacts.json").write_text(
                '{"BenchmarkIndex": 1650, "settings": {"throttling": {"cpuSlowdownMultiplier": 4}}}', encoding="utf-8")
            return
        saved = Path(next(a[3:] for a in args if a.startswith("-A=")), "artifacts.json").read_text(encoding="utf-8")
        assert '"cpuSlowdownMultiplier": 3.3' in saved  # the saved settings must equal the audit's, or Lighthouse refuses
        Path(next(a.split("=", 1)[1] for a in args if a.startswith("--output-path="))).write_text(
            '{"categories": {}, "audits": {}, "configSettings": {"throttling": {"cpuSlowdownMultiplier": 3.3}}}',
            encoding="utf-8")

    monkeypatch.setattr(tool, "_lighthouse", fake_lighthouse)
    data = tool.run_calibrated("http://127.0.0.1:1/", tmp_path / "report.json")
    assert "--throttling.cpuSlowdownMultiplier=3.3" in calls[1] and len(calls) == 2
    assert summarise("home", "mobile", data).multiplier == cpu_multiplier(1650) == 3.3



def test_more_mobile_runs_are_gathered_only_where_two_runs_disagree(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Loads are gathered one at a time and scored two at a time; only the split page gets more runs, until a majority of five."""
    import contextlib
    from pathlib import Path

    from sidebyside.tools import audit as tool

    performance = {"comparison.mobile.1": 0.95, "comparison.mobile.2": 0.85, "comparison.mobile.3": 0.92}
    gathered: list[str] = []

    def fake_gather_all(loads: list[tuple[str, Path, Path, str]]) -> list[tool.Gathered]:
        gathered.extend(report.stem for _, _, report, _ in loads)
        return [tool.Gathered(url, work, report, []) for url, work, report, _ in loads]

    def fake_score_all(runs: list[tool.Gathered]) -> list[dict]:
        return [report({**dict.fromkeys(MINIMUM, 1.0), "performance": performance.get(run.report.stem, 0.99)}, {})
                for run in runs]

    monkeypatch.setattr(tool, "gather_all", fake_gather_all)
    monkeypatch.setattr(tool, "score_all", fake_score_all)
    monkeypatch.setattr(tool, "heaviest_topic", lambda site: ("visualization", "topics/visualization/"))
    monkeypatch.setattr(tool, "serve", lambda site: contextlib.nullcontext("http://127.0.0.1:1/"))
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    assert tool.main(["--site", str(tmp_path)]) == 0
    pages = [*tool.MOBILE_PAGES, "visualization"]
    assert gathered == ([f"{name}.desktop" for name in tool.PAGES] + [f"{name}.mobile.{run}" for name in pages for run in (1, 2)]
                        + ["comparison.mobile.3", "comparison.mobile.4"])
    out = capsys.readouterr().out
    assert "comparison        decided 4/5" in out and "home              decided 2/3" in out


def test_the_lighthouse_runner_keeps_the_clis_failure_status(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The runner exits as soon as the CLI returns; a CLI failure must still end it with a failing status."""
    import subprocess

    from sidebyside.tools.audit import RUNNER

    proc = subprocess.run(["node", str(RUNNER), f"-A={tmp_path / 'nothing-gathered'}", "--quiet"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode != 0 and "No saved artifacts found" in proc.stderr


def test_a_failed_job_of_a_batch_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One Node process runs a whole batch; a failure must still say which page's run it was."""
    from sidebyside.errors import SiteError
    from sidebyside.tools import audit as tool

    with pytest.raises(SiteError, match=r"failed on page-one: .*No saved artifacts found"):
        tool._lighthouse([[f"-A={tmp_path / 'one'}"], [f"-A={tmp_path / 'two'}"]], ["page-one", "page-two"])


def test_a_split_page_is_judged_on_five_runs_not_on_its_third() -> None:
    """Planted from a quiet run here: 91, 89, 88 failed on the third run alone; 90 and 92 after it make the median 90."""
    runs = [summarise("visualization", "mobile", report({**dict.fromkeys(MINIMUM, 1.0), "performance": p}, {}))
            for p in (0.91, 0.89, 0.88, 0.90, 0.92)]
    assert runs_for(runs[:2], 3) == 5 and runs_for(runs[:1] * 2, 3) == 3
    assert not gate_decided(runs[:3], runs_for(runs[:3], 3))
    assert median_audit(runs[:3]).failures() and not median_audit(runs).failures()
