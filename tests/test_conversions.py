"""The conversion matrix: its record is complete and consistent with the pins, its page is drawn from it,
the weight-copy helper follows the layout rules, and a re-run of a subset gives the recorded results.

Cells of the separate environment (.venv-convert) are re-run by ``make conversions`` only: building that
environment (TensorFlow, PyTorch and JAX again) does not fit the test budget. Here their records are
checked instead: complete, and recorded with exactly the versions requirements/conversions*.txt pin.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.site.renderers.conversion_matrix import render_document
from sidebyside.tools.conversions import coverage, run, schema
from sidebyside.tools.conversions.families import FAMILIES
from sidebyside.tools.conversions.paths import all_paths
from sidebyside.tools.conversions.run import Server, changes

RECORD = schema.load()
CELLS = {(c["path"], c["family"]): c for c in RECORD["cells"]}
PATHS = all_paths()

# every path at least once, on a fast family; the weight copies on the layouts that break most often
SUBSET = [
    ("keras-to-torch-weights", "resnet"), ("keras-to-torch-weights", "gru"),
    ("torch-to-keras-weights", "depthwise"), ("torch-to-keras-weights", "transformer"),
    ("keras-export-onnx", "mlp"), ("savedmodel-tf2onnx-cli", "mlp"), ("tf2onnx-from-keras", "mlp"),
    ("keras-export-litert", "mlp"), ("torch-onnx-dynamo", "mlp"), ("torch-module-wrapper", "mlp"), ("nobuco", "mlp"),
    ("onnx2torch", "mlp"), ("onnx2tf", "mlp"), ("litert-torch", "mlp"),
    # what real models needed: nested custom layers, odd-size pooling, and the export that fails on augmentation
    ("keras-to-torch-weights", "nested"), ("torch-to-keras-weights", "pool-odd"), ("keras-export-onnx", "augment"),
]


def pins(*files: str) -> dict[str, str]:
    found = {}
    for name in files:
        for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
            if match:
                found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def test_record_covers_the_code() -> None:
    """Every path module and family in the code has its row and column, in the page's order."""
    coverage.check()
    assert {p["id"]: p["env"] for p in RECORD["paths"]} == {k: m.ENV for k, m in PATHS.items()}, \
        'a path changed environment: run make conversions ARGS="--update --paths <id>"'


def _drop_family(doc, family_id):
    doc["families"] = [f for f in doc["families"] if f["id"] != family_id]
    doc["cells"] = [c for c in doc["cells"] if c["family"] != family_id]


def _drop_path(doc, path_id):
    doc["paths"] = [p for p in doc["paths"] if p["id"] != path_id]
    doc["cells"] = [c for c in doc["cells"] if c["path"] != path_id]


LAST_FAMILY, LAST_PATH = list(FAMILIES)[-1], list(PATHS)[-1]
COVERAGE_LIES = {
    "family-not-run": (lambda doc: _drop_family(doc, LAST_FAMILY),
                       f"family {LAST_FAMILY} in the code but not in the record; "
                       f'run: make conversions ARGS="--update --families {LAST_FAMILY}" and commit the record'),
    "path-not-run": (lambda doc: _drop_path(doc, LAST_PATH),
                     f"path {LAST_PATH} in the code but not in the record; "
                     f'run: make conversions ARGS="--update --paths {LAST_PATH}" and commit the record'),
    "family-removed": (lambda doc: doc["families"].append({"id": "gone", "title": "Gone"}),
                       "family gone in the record but no longer in the code; "
                       'run: make conversions ARGS="--update" (it drops them) and commit the record'),
    "families-reordered": (lambda doc: doc["families"].reverse(),
                           f"family order {[f['id'] for f in reversed(RECORD['families'])]} differs from the code's "
                           f'{list(FAMILIES)}; run: make conversions ARGS="--update" (it reorders) and commit the record'),
}


@pytest.mark.parametrize("lie", list(COVERAGE_LIES))
def test_check_names_what_the_record_lacks(lie: str, tmp_path: Path) -> None:
    """Planted: the code has a family or path the record lacks (or the reverse); the message names the command."""
    plant, expected = COVERAGE_LIES[lie]
    doc = copy.deepcopy(RECORD)
    plant(doc)
    with pytest.raises(SiteError) as caught:
        coverage.compare(doc, tmp_path / "matrix.json", list(PATHS), list(FAMILIES))
    assert caught.value.problem + "; " + caught.value.fix == expected, f"{lie}: message changed"


# --- run --update: new cells only, nothing lost on error, a message instead of a traceback ----------------------
@pytest.fixture
def scratch_record(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the record without its last family, as after adding that family to the code."""
    monkeypatch.setattr(run, "JOURNALS", tmp_path / "journals")
    monkeypatch.setattr(run, "env_versions", lambda python: RECORD["envs"]["test"])
    doc = copy.deepcopy(RECORD)
    _drop_family(doc, LAST_FAMILY)
    path = tmp_path / "matrix.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def fake_cells(asked: list, stop_after: int | None = None, exception: type[BaseException] = KeyboardInterrupt):
    """Stands in for run_cells: answers each cell with its recorded result, or stops after ``stop_after`` cells."""
    def run_cells(cells, convert_python, timeout, jobs, progress=print, on_result=None):
        asked.append(list(cells))
        done = {}
        for i, cell in enumerate(cells):
            if i == stop_after:
                raise exception()
            done[cell] = copy.deepcopy(CELLS[cell])
            on_result(done[cell])
        return done
    return run_cells


def test_update_runs_only_the_new_family(scratch_record: Path, monkeypatch) -> None:
    asked: list = []
    monkeypatch.setattr(run, "run_cells", fake_cells(asked))
    assert run.main(["--update", str(scratch_record)]) == 0, "run --update failed on a record lacking a family"
    assert asked == [[(p, LAST_FAMILY) for p in PATHS]], f"--update ran {asked}, not only the new column"
    written = schema.load(scratch_record)
    coverage.compare(written, scratch_record, list(PATHS), list(FAMILIES))
    assert not run.journal_for(scratch_record).exists(), "the journal should go once the record is written"


def test_interrupted_update_keeps_its_cells_and_resumes(scratch_record: Path, monkeypatch, capsys) -> None:
    before = scratch_record.read_text(encoding="utf-8")
    asked: list = []
    monkeypatch.setattr(run, "run_cells", fake_cells(asked, stop_after=3))
    assert run.main(["--update", str(scratch_record)]) == 130, "an interrupted update should exit 130"
    err = capsys.readouterr().err.strip().splitlines()[-1]  # the lines before are progress
    journal = run.journal_for(scratch_record)
    assert err == f"interrupted; finished cells are kept in {journal}, the same command resumes", err
    assert scratch_record.read_text(encoding="utf-8") == before, "an interrupted update must not touch the record"
    assert len(run.read_journal(journal)) == 3, "the three finished cells should be in the journal"
    monkeypatch.setattr(run, "run_cells", fake_cells(asked))
    assert run.main(["--update", str(scratch_record)]) == 0, "the resumed update failed"
    assert asked[-1] == [(p, LAST_FAMILY) for p in PATHS][3:], f"resume re-ran {asked[-1]}"


def _bad_json(path: Path) -> None:
    path.write_text("{", encoding="utf-8")


def _missing(path: Path) -> None:
    path.unlink()


def _crash(path: Path) -> None:  # a cell result that fails the record's check when merged
    CELLS_BAD[(LAST_PATH, LAST_FAMILY)] = {**CELLS[(LAST_PATH, LAST_FAMILY)], "status": "pass", "max_abs_diff": 0.5,
                                           "largest": [[0, 0.0, 0.5]], "error": None}


CELLS_BAD: dict = {}
UPDATE_ERRORS = {
    "bad-json": (_bad_json, "not valid JSON: Expecting property name enclosed in double quotes; re-run 'make conversions'"),
    "missing": (_missing, "no conversion matrix recorded; run 'make conversions' and commit the JSON file"),
    "merged-record-fails-check": (
        _crash, f"cell {LAST_PATH}/{LAST_FAMILY}: a pass needs max_abs_diff <= {schema.TOLERANCE:g} and no error; "
                f"nothing written, {len(PATHS)} finished cells are kept in "
                "<journal>; fix the cause, then run the same command again to resume"),
}


@pytest.mark.parametrize("case", list(UPDATE_ERRORS))
def test_update_answers_with_a_message(case: str, scratch_record: Path, monkeypatch, capsys) -> None:
    plant, expected = UPDATE_ERRORS[case]
    plant(scratch_record)
    asked: list = []
    fake = fake_cells(asked)
    monkeypatch.setattr(run, "run_cells", lambda *a, **k: {c: {**r, **CELLS_BAD.get(c, {})} for c, r in fake(*a, **k).items()})
    assert run.main(["--update", str(scratch_record)]) == 2, f"{case}: expected exit 2"
    err = capsys.readouterr().err.strip().splitlines()[-1]  # the lines before are progress
    where = f"{scratch_record}:1" if case == "bad-json" else str(scratch_record)
    expected = expected.replace("<journal>", str(run.journal_for(scratch_record)))
    assert err == f"error: {where}: {expected}", f"{case}: {err}"
    CELLS_BAD.clear()


def test_unknown_id_is_a_message(capsys) -> None:
    assert run.main(["--families", "nope"]) == 2, "an unknown family should exit 2 without running anything"
    err = capsys.readouterr().err.strip()
    assert err == (f"error: sidebyside/tools/conversions/families.py: --families nope: no such id here; "
                   f"use one of {', '.join(FAMILIES)}"), err


@pytest.mark.parametrize("example", run.usage_examples(), ids=" ".join)
def test_docstring_examples_parse(example: list[str]) -> None:
    """The usage lines at the top of run.py are valid commands (ids included)."""
    run.selected(run.build_parser().parse_args(example))


def test_subset_covers_every_path() -> None:
    assert {p for p, _ in SUBSET} == set(PATHS)


def _lie_pass_beyond_tolerance(doc):
    doc["cells"][0].update(status="pass", max_abs_diff=0.5, largest=[[0, 0.0, 0.5]], error=None)


def _passing_cell_outside_the_rerun_subset(doc) -> dict:
    return next(c for c in doc["cells"] if c["status"] == "pass" and (c["path"], c["family"]) not in SUBSET)


def _lie_difference_times_100(doc):
    """A cell no test re-runs: its difference is derived from the output elements the record keeps."""
    cell = _passing_cell_outside_the_rerun_subset(doc)
    cell["max_abs_diff"] *= 100


def _lie_difference_without_outputs(doc):
    _passing_cell_outside_the_rerun_subset(doc)["largest"] = []


def _lie_failure_without_error(doc):
    doc["cells"][0].update(status="error", max_abs_diff=None, largest=[], error=None)


def _lie_missing_cell(doc):
    doc["cells"].pop()


def _lie_duplicate_cell(doc):
    doc["cells"][-1] = copy.deepcopy(doc["cells"][0])


def _lie_no_versions(doc):
    doc["cells"][0]["versions"] = {}


def _lie_other_tolerance(doc):
    doc["tolerance"] = 1.0


@pytest.mark.parametrize(("lie", "says"), [
    (_lie_pass_beyond_tolerance, "a pass needs max_abs_diff <= "), (_lie_failure_without_error, "needs its first error"),
    (_lie_missing_cell, "cells missing or extra"), (_lie_duplicate_cell, "recorded twice"),
    (_lie_no_versions, "tool versions missing"), (_lie_other_tolerance, "recorded with tolerance 1.0"),
    (_lie_difference_times_100, "is not what its recorded outputs give"),
    (_lie_difference_without_outputs, "is not what its recorded outputs give (None)"),
])
def test_record_check_rejects_planted_lies(lie, says: str, tmp_path: Path) -> None:
    doc = copy.deepcopy(RECORD)
    lie(doc)
    bad = tmp_path / "matrix.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SiteError, match=r"matrix\.json") as caught:
        schema.load(bad)
    assert says in str(caught.value), str(caught.value)


def test_test_env_cells_ran_with_the_pinned_versions() -> None:
    """A record made with other versions than requirements/ pins is stale: re-run make conversions."""
    pinned = pins("test.txt", "constraints.txt")
    for (path_id, family_id), cell in CELLS.items():
        if PATHS[path_id].ENV != "test":
            continue
        for package, version in cell["versions"].items():
            assert version.split("+")[0] == pinned[package], f"{path_id}/{family_id}: {package} {version}"


def test_convert_env_cells_ran_with_the_pinned_versions() -> None:
    """The separate environment's cells: recorded with exactly its pins (they are not re-run by the tests)."""
    pinned = pins("conversions.txt", "conversions-nodeps.txt")
    assert pinned["tensorflow-cpu"] == "2.21.0" and pinned["torch"] == "2.13.0"
    for (path_id, family_id), cell in CELLS.items():
        if PATHS[path_id].ENV != "convert":
            continue
        for package, version in cell["versions"].items():
            assert version.split("+")[0] == pinned[package], f"{path_id}/{family_id}: {package} {version}"


def test_page_shows_every_cell_and_the_pass_count() -> None:
    text = render_document(RECORD)
    passed, total = schema.passed(RECORD)
    assert f"{passed} of {total} cells pass" in text
    for path in RECORD["paths"]:
        assert f"{{ #{path['id']} }}" in text
    for cell in RECORD["cells"]:
        if cell["status"] != "pass":
            assert cell["error"].replace("`", "'")[:60] in text.replace("`", "'")
    flipped = copy.deepcopy(RECORD)
    first_pass = next(c for c in flipped["cells"] if c["status"] == "pass")
    first_pass.update(status="error", max_abs_diff=None, error="planted")
    assert f"{passed - 1} of {total} cells pass" in render_document(flipped)


def test_changes_reports_a_flipped_cell() -> None:
    now = copy.deepcopy(RECORD)
    now["cells"][0]["status"] = "timeout" if now["cells"][0]["status"] != "timeout" else "pass"
    assert changes(RECORD, RECORD) == []
    assert len(changes(RECORD, now)) == 1


# --- the weight-copy helper, in this process --------------------------------------------------------------
@pytest.fixture(scope="module")
def helper():
    from sidebyside.tools.conversions import port_weights
    return port_weights


def _outputs(family):
    import torch

    model, module = family.keras(), family.torch()
    x_keras, x_torch = family.inputs()
    return model, module, x_keras, x_torch, lambda m: m(torch.from_numpy(x_torch)).detach().numpy()


@pytest.mark.parametrize("family_id", list(FAMILIES))
def test_weight_copy_both_directions(helper, family_id: str) -> None:
    model, module, x_keras, _, run_torch = _outputs(FAMILIES[family_id])
    helper.keras_to_torch(model, module)
    assert np.abs(np.asarray(model(x_keras, training=False)) - run_torch(module)).max() <= schema.TOLERANCE
    fresh = FAMILIES[family_id].keras()
    fresh.set_weights([w * 0 for w in fresh.get_weights()])
    helper.torch_to_keras(module, fresh)
    assert np.abs(np.asarray(fresh(x_keras, training=False)) - run_torch(module)).max() <= schema.TOLERANCE


def test_a_wrong_rule_is_caught(helper, monkeypatch) -> None:
    """Planted lie: a GRU copied without reordering its gates runs and must not pass."""
    rule = helper.RULES[("GRU", "GRU")]
    naive = lambda w, layer, module: {"weight_ih_l0": w[0].T, "weight_hh_l0": w[1].T,  # noqa: E731
                                      "bias_ih_l0": w[2][0], "bias_hh_l0": w[2][1]}
    monkeypatch.setitem(helper.RULES, ("GRU", "GRU"), rule._replace(to_torch=naive))
    model, module, x_keras, _, run_torch = _outputs(FAMILIES["gru"])
    helper.keras_to_torch(model, module)
    assert np.abs(np.asarray(model(x_keras, training=False)) - run_torch(module)).max() > schema.TOLERANCE


def test_errors_name_the_layer(helper) -> None:
    model, module = FAMILIES["cnn-bn"].keras(), FAMILIES["cnn-bn"].torch()
    module.bn1.eps = 1e-5
    with pytest.raises(ValueError, match=r"'bn1'.*eps"):
        helper.keras_to_torch(model, module)
    module = FAMILIES["cnn-bn"].torch()
    module.add_module("extra", __import__("torch").nn.Linear(2, 2))
    with pytest.raises(ValueError, match=r"'extra'"):
        helper.keras_to_torch(model, module)
    with pytest.raises(ValueError, match=r"Keras layer 'fc[123]'"):
        helper.keras_to_torch(FAMILIES["mlp"].keras(), FAMILIES["cnn-bn"].torch())


# --- a subset of the matrix, re-run exactly as make conversions runs it ----------------------------------------
@pytest.fixture(scope="module")
def servers():
    """One warm cell server per Keras backend for this test process, as the runner keeps them."""
    started: dict[str, Server] = {}
    yield lambda backend: started.setdefault(backend, Server(sys.executable, backend))
    for server in started.values():
        server.close()


@pytest.mark.parametrize(("path_id", "family_id"), [c for c in SUBSET if PATHS[c[0]].ENV == "test"],
                         ids=lambda v: v)
def test_subset_rerun_matches_record(servers, path_id: str, family_id: str) -> None:
    now = servers(getattr(PATHS[path_id], "BACKEND", "tensorflow")).run(path_id, family_id, timeout=600)
    recorded = CELLS[(path_id, family_id)]
    assert now["status"] == recorded["status"], f"{now['status']} now ({now['error']}), {recorded['status']} recorded"
    assert schema.same_difference(recorded["max_abs_diff"], now["max_abs_diff"]), (
        f"largest difference {now['max_abs_diff']} now, {recorded['max_abs_diff']} recorded: "
        "re-run 'make conversions ARGS=\"--update --paths ...\"' if the code changed; the record is not edited by hand")


@pytest.mark.parametrize(("recorded", "now", "same"), [
    (2.4e-7, 2.4e-7, True), (2.4e-6, 3.0e-6, True), (0.0, 1.2e-7, True), (None, None, True),
    (2.4e-5, 2.4e-7, False),  # planted: a recorded difference x100
    (1e-6, 1e-4, False), (0.0, 1e-5, False), (None, 0.0, False),
])
def test_a_recorded_difference_must_repeat_not_only_pass(recorded, now, same) -> None:
    assert schema.same_difference(recorded, now) is same


def test_verdict_matches_the_record() -> None:
    """The matrix page's verdict names paths that work everywhere and those that fail: the record must agree."""
    def passes(path_id: str) -> set[str]:
        return {f for (p, f), c in CELLS.items() if p == path_id and c["status"] == "pass"}
    everywhere = ["keras-to-torch-weights", "torch-to-keras-weights", "tf2onnx-from-keras", "torch-onnx-dynamo",
                  "onnx2tf", "litert-torch", "torch-module-wrapper"]
    for path_id in everywhere:
        assert passes(path_id) == set(FAMILIES), path_id
    assert set(FAMILIES) - passes("keras-export-litert") == {"lstm", "gru"}
    for path_id in ("keras-export-onnx", "savedmodel-tf2onnx-cli"):
        assert set(FAMILIES) - passes(path_id) == {"augment"}, path_id
        assert "StatelessRandomUniformV2" in CELLS[(path_id, "augment")]["error"], path_id
    for path_id in ("onnx2torch", "nobuco"):
        assert passes(path_id) == set()
        assert all("ModuleNotFoundError" in CELLS[(path_id, f)]["error"] for f in FAMILIES)
    text = (ROOT / "docs" / "porting" / "conversion-matrix.md").read_text(encoding="utf-8")
    assert "fails on LSTM and GRU" in text and "onnx2torch and nobuco fail at import" in text
    assert "fail on the model with augmentation layers" in text and "`StatelessRandomUniformV2`" in text


def test_guide_quotes_the_matrix_tolerance() -> None:
    text = (ROOT / "docs" / "porting" / "index.md").read_text(encoding="utf-8")
    match = re.search(r"`TOLERANCE = ([0-9.e-]+)`", text)
    assert match and float(match.group(1)) == schema.TOLERANCE
