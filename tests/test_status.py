"""One status per subject: the record's evidence holds, and no page or data file says otherwise.

Each test plants one lie in a scratch copy (a page, a data line, a
recording, a what-replaced-what entry) and expects the exact message that
names both places. Nothing here imports a framework.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sidebyside import ROOT
from sidebyside.data import status_text
from sidebyside.data.status import STATUS, check_evidence, load_status
from sidebyside.errors import SiteError, SiteErrors
from sidebyside.site.status_inline import expand_status, status_html


def scratch(tmp_path: Path) -> Path:
    """A copy of what the text check reads: docs/, data/*.yml and every recording (the evidence)."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("assets"))
    (tmp_path / "data").mkdir()
    for path in (ROOT / "data").glob("*.yml"):
        shutil.copy(path, tmp_path / "data" / path.name)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets",
                    ignore=lambda folder, names: [n for n in names if not n.endswith(".out") and not (Path(folder) / n).is_dir()])
    return tmp_path


def subject_line(subject_id: str) -> int:
    return next(s.line for s in load_status() if s.id == subject_id)


def test_real_tree_agrees_with_the_record() -> None:
    assert status_text.check().startswith(f"{len(load_status())} status subjects")


def test_fails_written_for_a_subject_that_works(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    page = root / "docs" / "topics" / "deployment.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("")
    lines.append("Converting the ONNX file back with onnx2tf fails with the pinned versions.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SiteErrors) as caught:
        status_text.check(root)
    assert caught.value.message == (
        f"{page}:{len(lines)}: says 'fails' about onnx2tf, but data/status.yml:{subject_line('onnx2tf')} "
        "records 'works' on every model kind of the conversion matrix; show the status with @status(onnx2tf), "
        "or state what the record says (fix the record first if it is wrong)"
    )


def test_a_status_without_its_condition_is_refused(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    data = root / "data" / "comparison.yml"
    text = data.read_text(encoding="utf-8").replace("`tf2onnx.convert.from_keras`: @status(tf2onnx-from-keras).",
                                                    "`tf2onnx.convert.from_keras` fails on Keras 3.")
    data.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "from_keras` fails on Keras 3." in t)
    with pytest.raises(SiteErrors) as caught:
        status_text.check(root)
    assert caught.value.message.startswith(
        f"{data}:{line}: says 'fails' about tf2onnx.convert.from_keras, but data/status.yml:{subject_line('tf2onnx-from-keras')} "
        "records 'fails' only on a Keras 3 `Sequential` model")
    assert "(a sentence stating it must name 'Sequential')" in caught.value.message


def test_removed_for_a_deprecated_api_is_refused_in_what_replaced_what(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    data = root / "data" / "replacements.yml"
    text = data.read_text(encoding="utf-8")
    at = text.index("  - id: tf-lite-interpreter")
    data.write_text(text[:at] + text[at:].replace("status: deprecated", "status: removed", 1), encoding="utf-8")
    with pytest.raises(SiteErrors) as caught:
        status_text.check(root)
    line = text[:at].count("\n") + 1
    assert caught.value.message == (
        f"{data}:{line}: replacement 'tf-lite-interpreter' says 'removed', but data/status.yml:"
        f"{subject_line('tf-lite-interpreter')} records 'deprecated'; make the two agree (the page shows the record's status)")


def test_a_recording_that_no_longer_shows_the_status_is_refused(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    out = root / "snippets" / "deployment" / "exporter-status.tensorflow.out"
    out.write_text(out.read_text(encoding="utf-8").replace("Sequential, input_signature: FAILS with KeyError 'keras_tensor_1'",
                                                           "Sequential, input_signature: works"), encoding="utf-8")
    subjects = load_status()
    evidence = next(e for s in subjects for st in s.statuses for e in st.evidence if e.pattern and "Sequential, input_signature" in e.pattern)
    with pytest.raises(SiteError, match=rf"^data/status.yml:{evidence.line}: subject 'tf2onnx-from-keras' status 'fails': "
                                        r"evidence exporter-status.tensorflow.out /.*/: no line matches"):
        check_evidence(subjects, STATUS, root / "snippets")


def test_matrix_cells_that_contradict_the_status_are_refused() -> None:
    subjects = load_status()
    matrix = {"cells": [{"path": "tf2onnx-from-keras", "family": "mlp", "status": "error"}]}
    with pytest.raises(SiteError, match=r"subject 'tf2onnx-from-keras' status 'works': matrix cells tf2onnx-from-keras \['mlp'\] say otherwise"):
        check_evidence([s for s in subjects if s.id == "tf2onnx-from-keras"], STATUS, ROOT / "snippets", matrix)


def test_an_unknown_marker_names_the_page_line(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    page = root / "docs" / "topics" / "deployment.md"
    text = page.read_text(encoding="utf-8").replace("@status(tf2onnx-saved-model)", "@status(tf2onnx-savedmodel)")
    page.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "@status(tf2onnx-savedmodel)" in t)
    with pytest.raises(SiteErrors, match=rf"^{page}:{line}: unknown status subject 'tf2onnx-savedmodel'"):
        status_text.check(root)
    with pytest.raises(SiteError, match=rf"^{page}:{line}: unknown status subject 'tf2onnx-savedmodel'"):
        expand_status(text, page)


def test_a_marker_renders_every_condition() -> None:
    subject = next(s for s in load_status() if s.id == "tf2onnx-from-keras")
    html = status_html(subject)
    assert html.startswith("<strong>Fails</strong> on a Keras 3 <code>Sequential</code> model")
    assert "; <strong>works</strong> on the same layers built as a functional <code>keras.Model</code>" in html
    shown = "```\n@status(tf2onnx-from-keras)\n```\n"
    assert expand_status(shown, Path("p.md")) == shown  # fenced code shows the syntax


def test_a_conditional_status_needs_its_marker(tmp_path: Path) -> None:
    path = tmp_path / "status.yml"
    text = STATUS.read_text(encoding="utf-8").replace("        marker: Sequential\n", "", 1).replace("        marker: functional\n", "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteError, match=r"status.yml:\d+: subject 'tf2onnx-from-keras' status 'works' has no marker, and neither has 'fails'"):
        load_status(path)


def test_a_status_word_belongs_to_the_nearest_subject_of_its_clause() -> None:
    subjects = load_status()
    text = "- LiteRT needs the extra `litert-torch` package, and SavedModel fails with the pinned versions.\n"
    assert status_text.problems_in(Path("p.md"), status_text._units_markdown(text), subjects) == []
    text = "- `litert-torch` fails with the pinned versions.\n"
    (problem,) = status_text.problems_in(Path("p.md"), status_text._units_markdown(text), subjects)
    assert problem.message.startswith("p.md:1: says 'fails' about litert-torch")


def test_notebook_markdown_is_read_too(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    source = root / "notebooks" / "port-a-trained-model.py"
    lines = source.read_text(encoding="utf-8").splitlines()
    lines += ["", "# %% [markdown]", "# `tf2onnx.convert.from_keras` was written for Keras 2 and fails on a", "# Keras 3 model."]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SiteErrors, match=rf"^{source}:{len(lines) - 1}: says 'fails' about tf2onnx.convert.from_keras, but "
                                         r"data/status.yml:\d+ records 'fails' only on a Keras 3 `Sequential` model"):
        status_text.check(root)
