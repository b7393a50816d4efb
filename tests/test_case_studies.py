"""Porting case studies: every study re-runs here and must repeat its record.

The record (data/case_studies.json) is what the case-study page renders; a
study whose port breaks, or a figure edited in the record, fails here. The
record's own checks (a pass over tolerance, a study the record lacks) are
planted in scratch copies.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sidebyside.errors import SiteError
from sidebyside.tools.case_studies.record import (
    COMMAND,
    EVAL_TOLERANCE,
    RECORD,
    differences,
    entry,
    load,
    studies,
)

pytestmark = pytest.mark.slow


def _recorded() -> dict[str, dict]:
    return {item["id"]: item for item in load(code_ids=[s.id for s in studies()])["studies"]}


def test_the_studies_cover_both_directions() -> None:
    recorded = _recorded()
    assert len(recorded) >= 8 and {s.direction for s in studies()} == {"keras-to-torch", "torch-to-keras"}


@pytest.mark.parametrize("study", studies(), ids=lambda s: s.id)
def test_every_study_repeats_its_record(study) -> None:  # type: ignore[no-untyped-def]
    """One test per study, so the parallel workers share them (each worker imports the frameworks once)."""
    pytest.importorskip("keras")
    pytest.importorskip("torch")
    from sidebyside.tools.case_studies.harness import run

    problems = differences(_recorded()[study.id], run(study))
    assert not problems, "\n".join(problems) + f"\nif the change is intended, re-run '{COMMAND} --studies {study.id}'"


def test_record_describes_the_code() -> None:
    """Source, licence and what each port needed are the code's, not text edited in the record."""
    recorded = _recorded()
    stale = [s.id for s in studies() if entry(s, recorded[s.id]) != recorded[s.id]]
    assert not stale, f"the record describes {stale} differently from the code; re-run '{COMMAND} --studies {' '.join(stale)}'"


def test_a_broken_port_fails_its_study(monkeypatch) -> None:
    """A GRU rule that forgets to reorder the gates (Keras z, r, h; PyTorch r, z, n) must fail the study."""
    pytest.importorskip("keras")
    pytest.importorskip("torch")
    from sidebyside.tools.case_studies.harness import run
    from sidebyside.tools.case_studies.torch_sources import WORD_LM
    from sidebyside.tools.conversions import port_weights as pw

    good = pw.RULES[("GRU", "GRU")]
    monkeypatch.setitem(pw.RULES, ("GRU", "GRU"), good._replace(to_keras=lambda s, layer, module: [
        s["weight_ih_l0"].T, s["weight_hh_l0"].T, pw.np.stack([s["bias_ih_l0"], s["bias_hh_l0"]])]))
    result = run(WORD_LM)
    assert result["status"] == "fail" and result["eval_float32"] > EVAL_TOLERANCE


def test_an_edited_figure_is_named() -> None:
    item = next(iter(_recorded().values()))
    now = dict(item, step_float64=item["step_float64"] * 1000)
    assert differences(item, now) == [
        f"{item['id']}: step_float64 {item['step_float64']:.3g} recorded, {now['step_float64']:.3g} now"]


def _scratch(tmp_path: Path, edit) -> Path:
    doc = json.loads(RECORD.read_text())
    edit(doc)
    path = tmp_path / "case_studies.json"
    path.write_text(json.dumps(doc, indent=1) + "\n")
    return path


def test_a_pass_over_tolerance_is_refused(tmp_path: Path) -> None:
    def edit(doc):
        doc["studies"][1]["step_float64"] = 0.01

    path = _scratch(tmp_path, edit)
    study_id = json.loads(path.read_text())["studies"][1]["id"]
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if f'"id": "{study_id}"' in text)
    with pytest.raises(SiteError) as caught:
        load(path)
    item = json.loads(path.read_text())["studies"][1]
    assert caught.value.message == (
        f"{path}:{line}: study {study_id!r}: status 'pass' but eval_float32={item['eval_float32']:.3g} "
        f"(tolerance 0.0001) and step_float64=0.01 (tolerance 1e-07); re-run '{COMMAND} --studies {study_id}'")


def test_a_study_the_record_lacks_is_named_with_the_command(tmp_path: Path) -> None:
    path = _scratch(tmp_path, lambda doc: doc["studies"].pop())
    with pytest.raises(SiteError) as caught:
        load(path, code_ids=[s.id for s in studies()])
    missing = studies()[-1].id
    assert caught.value.message == (f"{path}: studies in the code but not in the record: {missing}; "
                                    f"run '{COMMAND} --studies {missing}'")
