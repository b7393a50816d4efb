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
from sidebyside.tools.conversions import schema
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
    assert [p["id"] for p in RECORD["paths"]] == list(PATHS)
    assert [f["id"] for f in RECORD["families"]] == list(FAMILIES)
    assert {p["id"]: p["env"] for p in RECORD["paths"]} == {k: m.ENV for k, m in PATHS.items()}


def test_subset_covers_every_path() -> None:
    assert {p for p, _ in SUBSET} == set(PATHS)


def _lie_pass_beyond_tolerance(doc):
    doc["cells"][0].update(status="pass", max_abs_diff=0.5, error=None)


def _lie_failure_without_error(doc):
    doc["cells"][0].update(status="error", max_abs_diff=None, error=None)


def _lie_missing_cell(doc):
    doc["cells"].pop()


def _lie_duplicate_cell(doc):
    doc["cells"][-1] = copy.deepcopy(doc["cells"][0])


def _lie_no_versions(doc):
    doc["cells"][0]["versions"] = {}


def _lie_other_tolerance(doc):
    doc["tolerance"] = 1.0


@pytest.mark.parametrize("lie", [_lie_pass_beyond_tolerance, _lie_failure_without_error, _lie_missing_cell,
                                 _lie_duplicate_cell, _lie_no_versions, _lie_other_tolerance])
def test_record_check_rejects_planted_lies(lie, tmp_path: Path) -> None:
    doc = copy.deepcopy(RECORD)
    lie(doc)
    bad = tmp_path / "matrix.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SiteError, match=r"matrix\.json"):
        schema.load(bad)


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
    if recorded["max_abs_diff"] is not None:
        assert abs(now["max_abs_diff"] - recorded["max_abs_diff"]) <= schema.TOLERANCE


def test_verdict_matches_the_record() -> None:
    """The matrix page's verdict names paths that work everywhere and those that fail: the record must agree."""
    def passes(path_id: str) -> set[str]:
        return {f for (p, f), c in CELLS.items() if p == path_id and c["status"] == "pass"}
    everywhere = ["keras-to-torch-weights", "torch-to-keras-weights", "keras-export-onnx", "savedmodel-tf2onnx-cli",
                  "tf2onnx-from-keras", "torch-onnx-dynamo", "onnx2tf", "litert-torch", "torch-module-wrapper"]
    for path_id in everywhere:
        assert passes(path_id) == set(FAMILIES), path_id
    assert set(FAMILIES) - passes("keras-export-litert") == {"lstm", "gru"}
    for path_id in ("onnx2torch", "nobuco"):
        assert passes(path_id) == set()
        assert all("ModuleNotFoundError" in CELLS[(path_id, f)]["error"] for f in FAMILIES)
    text = (ROOT / "docs" / "porting" / "conversion-matrix.md").read_text(encoding="utf-8")
    assert "fails on LSTM and GRU" in text and "onnx2torch and nobuco fail at import" in text


def test_guide_quotes_the_matrix_tolerance() -> None:
    text = (ROOT / "docs" / "porting" / "index.md").read_text(encoding="utf-8")
    match = re.search(r"`TOLERANCE = ([0-9.e-]+)`", text)
    assert match and float(match.group(1)) == schema.TOLERANCE
