"""Tutorial notebooks: each source runs clean in a fresh kernel, and each committed
``.ipynb`` is the execution of exactly its current source with the pinned versions.

The re-execution tests are the slow ones (a minute or so each): they are what
catches a tutorial broken by a version bump, because every check in a
notebook is an ``assert`` cell.
"""

from __future__ import annotations

import copy
import re
from types import SimpleNamespace

import jupytext
import nbformat
import pytest
from mkdocs.exceptions import PluginError

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.pairs import notebooks as nbs
from sidebyside.pairs.parity import stale_diff
from sidebyside.site import notebook_pages

SOURCES = nbs.discover()
NAMES = sorted(SOURCES)


def pinned() -> dict[str, str]:
    """``name==version`` pins from requirements/*.txt."""
    pins: dict[str, str] = {}
    for path in sorted((ROOT / "requirements").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s#;]+)", line.strip())
            if match:
                pins[match.group(1).lower()] = match.group(2)
    return pins


def test_the_three_tutorials_exist() -> None:
    assert {"same-task-both-frameworks", "port-a-trained-model", "keras3-torch-backend"} <= set(NAMES)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_executes_and_prints_what_was_committed(name: str) -> None:
    executed = nbs.execute(SOURCES[name])  # SiteError on any error or failed assert cell
    code = [cell for cell in executed.notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code), "every code cell must have run"
    committed = nbformat.read(nbs.output_path(SOURCES[name]), as_version=4)
    fresh, recorded = nbs.text_outputs(executed.notebook), nbs.text_outputs(committed)
    assert len(fresh) == len(recorded), f"{name}: the committed notebook has other cells; re-record it"
    for number, (now, then) in enumerate(zip(fresh, recorded, strict=True), start=1):
        diff = stale_diff(then, now, f"{name} code cell {number}")  # the snippets' rule: equal up to host noise
        assert not diff, f"{name}: code cell {number} printed other text than the committed notebook:\n{diff}"


@pytest.mark.parametrize("name", NAMES)
def test_committed_metrics_satisfy_the_notebooks_own_asserts(name: str) -> None:
    notebook = nbformat.read(nbs.output_path(SOURCES[name]), as_version=4)
    assert nbs.metric_problems(notebook, name) == []


def _with_metrics_output(notebook, old: str, new: str):
    lied = copy.deepcopy(notebook)
    cell = next(c for c in lied.cells if c.cell_type == "code" and c.source.startswith("metrics = "))
    output = next(o for o in cell.outputs if o.get("name") == "stdout")
    assert old in output["text"], output["text"]
    output["text"] = output["text"].replace(old, new)
    return lied


def test_a_recorded_accuracy_edited_below_the_notebooks_assert_is_caught() -> None:
    name = "same-task-both-frameworks"
    notebook = nbformat.read(nbs.output_path(SOURCES[name]), as_version=4)
    accuracy = re.search(r"'keras_test_accuracy': ([0-9.]+)", "".join(nbs.text_outputs(notebook))).group(1)
    lied = _with_metrics_output(notebook, f"'keras_test_accuracy': {accuracy}", "'keras_test_accuracy': 0.8122")
    assert any("fail the notebook's own check" in p for p in nbs.metric_problems(lied, name))
    assert nbs.text_outputs(lied) != nbs.text_outputs(notebook), "the re-execution comparison sees the edit too"


def test_only_training_times_are_normalised() -> None:
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout",
                                           text="Keras: trained 20 epochs in 3.2 s\ntest accuracy 0.9722 in 3.2 s\n")]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    assert nbs.text_outputs(notebook) == ["Keras: trained 20 epochs in <time> s\ntest accuracy 0.9722 in 3.2 s\n"]


@pytest.mark.parametrize("name", NAMES)
def test_sources_fix_seeds_threads_and_kernels(name: str) -> None:
    text = SOURCES[name].read_text(encoding="utf-8")
    assert "SEED = " in text and "set_random_seed(SEED)" in text
    if "import torch" in text:
        assert "torch.set_num_threads(1)" in text and "torch.use_deterministic_algorithms(True)" in text
    if "import tensorflow" in text:
        assert "tf.config.experimental.enable_op_determinism()" in text


def test_run_times_on_the_tutorials_page_come_from_the_recordings(tmp_path) -> None:
    from sidebyside.site.renderers.notebook_run_times import table

    text = table(nbs.OUTPUTS, "tutorials/index.md", tmp_path / "index.md", 1)
    for name in NAMES:
        run = nbs.recorded(nbs.output_path(SOURCES[name]))["run"]
        line = next(t for t in text.splitlines() if f"../notebooks/{name}.ipynb" in t)
        assert f"| {run['wall_seconds']:.0f} s ({run['cpu_seconds']:.0f} s) | {run['date']}, {run['cores']} cores" in line
    page = (ROOT / "docs" / "tutorials" / "index.md").read_text(encoding="utf-8")
    assert "@render notebook-run-times" in page
    assert not re.search(r"\d+ s\b", page.split("## How the notebooks")[0]), "run times are rendered, not typed"
    bare = tmp_path / "bare"
    bare.mkdir()
    nbformat.write(nbformat.v4.new_notebook(), bare / "old.ipynb")
    with pytest.raises(SiteError, match="records no run time"):
        table(bare, "tutorials/index.md", tmp_path / "index.md", 3)


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_matches_its_source(name: str) -> None:
    path = nbs.output_path(SOURCES[name])
    fix = f"run: python -m sidebyside notebooks {name}"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing; {fix}"
    notebook = nbformat.read(path, as_version=4)
    meta = notebook.metadata.get("sidebyside", {})
    assert meta.get("source") == SOURCES[name].name
    assert meta.get("source_sha256") == nbs.source_hash(SOURCES[name].read_text(encoding="utf-8")), \
        f"{path.relative_to(ROOT)} was executed from another version of notebooks/{name}.py; {fix}"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code), f"{path.relative_to(ROOT)} has unexecuted cells; {fix}"
    assert not any(o.output_type == "error" for cell in code for o in cell.outputs)


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_ran_with_pinned_versions(name: str) -> None:
    versions = nbs.recorded(nbs.output_path(SOURCES[name])).get("versions", {})
    pins = pinned()
    checked = [dist for dist in nbs.VERSIONED if dist in pins]
    assert {"tensorflow-cpu", "torch"} <= set(checked)
    for dist in checked:
        recorded = (versions.get(dist) or "").split("+")[0]  # torch reports 2.13.0+cpu
        assert recorded == pins[dist], f"{name}: executed with {dist} {versions.get(dist)}, pinned {pins[dist]}; re-record it"


def test_every_executed_notebook_has_a_source_and_a_nav_entry() -> None:
    assert {p.stem for p in nbs.OUTPUTS.glob("*.ipynb")} == set(NAMES)
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"- notebooks/{name}.ipynb" in nav


def test_failing_cell_names_notebook_and_line_and_keeps_the_committed_file(tmp_path) -> None:
    source = tmp_path / "broken.py"
    source.write_text("# %% [markdown]\n# # Broken\n\n# %%\nx = 1\nprint(x)\n\n# %%\nassert x == 2, 'x is not two'\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    committed = out / "broken.ipynb"
    committed.write_text("previous execution", encoding="utf-8")
    with pytest.raises(SiteError) as info:
        nbs.record("broken", root=tmp_path, out_dir=out)
    assert info.value.message.startswith(f"{source}:9: code cell 2 failed: AssertionError: x is not two; ")
    assert "python -m sidebyside notebooks broken" in info.value.message
    assert committed.read_text(encoding="utf-8") == "previous execution"


def test_unknown_notebook_name_lists_the_known_ones(tmp_path) -> None:
    (tmp_path / "real.py").write_text("# %%\nprint(1)\n", encoding="utf-8")
    with pytest.raises(SiteError, match=r"no notebook 'reel'.*known notebooks: real"):
        nbs.record("reel", root=tmp_path, out_dir=tmp_path)


def test_execution_keeps_stdout_drops_stderr_and_records_versions(tmp_path) -> None:
    source = tmp_path / "tiny.py"
    source.write_text("# %%\nimport sys\nprint('to stdout')\nprint('a warning', file=sys.stderr)\n", encoding="utf-8")
    target = nbs.write(nbs.execute(source), tmp_path)
    notebook = nbformat.read(target, as_version=4)
    assert [o.get("text") for o in notebook.cells[0].outputs] == ["to stdout\n"]
    assert notebook.metadata["sidebyside"]["source_sha256"] == nbs.source_hash(source.read_text(encoding="utf-8"))
    assert notebook.metadata["sidebyside"]["versions"]["torch"]
    assert notebook.cells[0].id == "c01"
    assert nbs.is_current(source, tmp_path)
    source.write_text(source.read_text(encoding="utf-8") + "print(2)\n", encoding="utf-8")
    assert not nbs.is_current(source, tmp_path)


def _page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta={}, edit_url="x")


def test_dangling_link_in_a_notebook_names_the_source_line(tmp_path, monkeypatch) -> None:
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "demo.py").write_text("# %% [markdown]\n# # Demo\n#\n# See [gone](../topics/gone.md).\n",
                                                    encoding="utf-8")
    monkeypatch.setattr(notebook_pages, "ROOT", tmp_path)
    files = SimpleNamespace(get_file_from_path=lambda path: None)
    html = '<h1 id="demo">Demo<a class="anchor-link" href="#demo">¶</a></h1><p>See <a href="../topics/gone.md">gone</a>.</p>'
    with pytest.raises(PluginError, match=r"demo\.py:4: link to '\.\./topics/gone\.md' matches no page; "):
        notebook_pages.on_page_content(html, _page("notebooks/demo.ipynb"), {"repo_url": ""}, files)


def test_notebook_page_loads_nothing_from_the_network() -> None:
    page = _page("notebooks/demo.ipynb")
    with pytest.raises(PluginError, match="from the network"):
        notebook_pages.on_post_page('<script src="https://cdn.example/mathjax.js"></script>', page, {})
    assert notebook_pages.on_post_page('<script src="../../assets/x.js"></script>', page, {})


def test_committed_notebook_renders_light_and_offline(tmp_path) -> None:
    """The real nbconvert output of a committed notebook, through the hook."""
    from mkdocs_jupyter import convert  # the docs stack is part of the test environment
    name = "same-task-both-frameworks"
    raw = convert.nb2html(str(nbs.output_path(SOURCES[name])), include_requirejs=False, no_prompt=True, custom_mathjax_url="")
    target = SimpleNamespace(url_relative_to=lambda page_file: "../../topics/layer-defaults/")
    files = SimpleNamespace(get_file_from_path=lambda path: target)
    page = _page(f"notebooks/{name}.ipynb")
    page.file.abs_dest_path = str(tmp_path / "site" / "notebooks" / name / "index.html")
    html = notebook_pages.on_page_content(raw, page, {"repo_url": "https://example.org/r"}, files)
    assert "<script" not in html and "highlight-ipynb" not in html and "<svg" not in html
    assert len(html) < len(raw) / 3
    figures = re.findall(r'<figure class="sbs-chart" tabindex="0"><img src="([^"]+)" alt="Figure: [^"]+" width="\d+" '
                         r'height="\d+" loading="lazy" decoding="async" style="--sbs-phone-width:(\d+)px"></figure>', html)
    assert [src for src, _ in figures] == [f"{name}-figure-1.svg", f"{name}-figure-2.svg"]
    for src, phone_width in figures:
        svg = (tmp_path / "site" / "notebooks" / name / src).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
        smallest = min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg))
        width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
        assert 11 <= smallest * int(phone_width) / width < 11.1, (src, phone_width)
    assert f'href="{name}.ipynb" download' in html
    assert page.meta["description"].startswith("One small image classifier")
    assert notebook_pages.on_post_page(html, page, {}) == html


def _executed(source, printed: list[str]) -> nbs.Executed:
    notebook = jupytext.reads(source.read_text(encoding="utf-8"), fmt="py:percent")
    for cell, text in zip([c for c in notebook.cells if c.cell_type == "code"], printed, strict=True):
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    return nbs.Executed(source, notebook, 0.0, 0.0)


def test_a_cell_printing_other_noise_with_avx2_kernels_is_refused_at_its_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Recording executes a notebook twice, the second time as a CPU without AVX-512 would: what moves is refused."""
    source = tmp_path / "nb.py"
    source.write_text("# %%\nprint(f'loss {loss:.8g}')\n\n# %%\nprint(f'largest difference {diff:.0e}')\n", encoding="utf-8")
    here = _executed(source, ["loss 1.2345679\n", "largest difference 1e-06\n"])
    with pytest.raises(SiteError) as info:
        nbs.refuse_moving_output(source, here, _executed(source, ["loss 1.2345682\n", "largest difference 2e-06\n"]))
    assert info.value.line == 5
    assert info.value.message.startswith(f"{source}:5: code cell 2 printed 'largest difference 1e-06', then 'largest difference 2e-06' "
                                         "with its kernels limited to AVX2"), info.value.message
    nbs.refuse_moving_output(source, here, _executed(source, ["loss 1.2345682\n", "largest difference 1e-06\n"]))  # host noise
