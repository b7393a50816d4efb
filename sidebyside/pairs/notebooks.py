"""Execute tutorial notebooks from their text source into committed ``.ipynb`` files.

The reviewable source of each tutorial is ``notebooks/<name>.py`` (jupytext
percent format): pull requests show a readable diff, and the file runs as a
plain script too. ``docs/notebooks/<name>.ipynb`` is generated from it, never
edited by hand: each source is executed top to bottom in a fresh kernel
(cwd a temporary directory, the same CPU-only, single-thread environment as
snippet runs). The outputs are written together with metadata recording a
hash of the source text and the package versions the kernel imported;
stderr (library warnings, log lines) is dropped, as for snippets. The site
renders that file without executing it, so the docs build needs no
framework, and the tests can tell a stale ``.ipynb`` from a current one.

A failing cell stops with one ``notebooks/<name>.py:LINE: ...`` message and
the committed ``.ipynb`` is left as it was.
"""

from __future__ import annotations

import ast
import datetime
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.pairs.parity import moved_lines
from sidebyside.pairs.runner import OTHER_CPU, snippet_env

SOURCES = ROOT / "notebooks"
"""Hand-edited jupytext sources."""

OUTPUTS = ROOT / "docs" / "notebooks"
"""Executed notebooks the site renders."""

CELL_TIMEOUT = 300
"""Seconds one cell may run before the notebook counts as failed."""

VERSIONED = ("tensorflow-cpu", "keras", "torch", "numpy", "scikit-learn", "matplotlib",
             "onnx", "onnxruntime", "onnxscript", "tf2onnx")
"""Distributions whose versions are recorded in each executed notebook."""

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

_VERSION_PROBE = f"""
import json as _json, resource as _resource, sys as _sys
from importlib import metadata as _metadata
def _version(name):
    try:
        return _metadata.version(name)
    except _metadata.PackageNotFoundError:
        return None
_use = [_resource.getrusage(w) for w in (_resource.RUSAGE_SELF, _resource.RUSAGE_CHILDREN)]
_cpu = sum(u.ru_utime + u.ru_stime for u in _use)
print(_json.dumps({{"python": _sys.executable, "cpu": _cpu, "versions": {{n: _version(n) for n in {VERSIONED!r}}}}}))
"""
"""Run in the kernel after the last cell: versions come from the interpreter that executed it."""


@dataclass(frozen=True)
class Executed:
    """A successfully executed notebook, ready to be written."""

    source: Path
    notebook: nbformat.NotebookNode
    seconds: float
    cpu_seconds: float


def source_hash(text: str) -> str:
    """Hash of the source text that the committed notebook must record."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def discover(root: Path = SOURCES) -> dict[str, Path]:
    """Notebook sources by name (the file stem)."""
    return {path.stem: path for path in sorted(root.glob("*.py"))}


def output_path(source: Path, out_dir: Path = OUTPUTS) -> Path:
    return out_dir / f"{source.stem}.ipynb"


def kernel_env(workdir: str, **overrides: str) -> dict[str, str]:
    """Snippet environment, minus what would break inline figures in a kernel."""
    env = snippet_env(workdir, **overrides)
    env.pop("MPLBACKEND")  # Agg would swallow plt.show(); ipykernel picks its inline backend
    return env


def cell_lines(text: str, notebook: nbformat.NotebookNode) -> list[int | None]:
    """1-based source line of each cell's first non-blank line, so errors can point at it."""
    lines = text.splitlines()
    found: list[int | None] = []
    position = 0
    for cell in notebook.cells:
        first = next((s for s in cell.source.splitlines() if s.strip()), None)
        line = None
        if first is not None:
            for number in range(position, len(lines)):
                if first.strip() in lines[number]:
                    line, position = number + 1, number + 1
                    break
        found.append(line)
    return found


def execute(source: Path, cell_timeout: int = CELL_TIMEOUT, env: dict[str, str] | None = None) -> Executed:
    """Run every cell of ``source`` in a fresh kernel (``env`` over its usual environment); raise SiteError at the first failure."""
    text = source.read_text(encoding="utf-8")
    try:
        notebook = jupytext.reads(text, fmt="py:percent")
    except Exception as error:  # jupytext raises several types for malformed headers
        raise SiteError(source, None, f"cannot read as a jupytext percent notebook: {error}",
                        "start cells with '# %%' and markdown cells with '# %% [markdown]'") from None
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"c{number:02d}"  # stable ids: re-recording only changes what the cells printed
    notebook.metadata.pop("jupytext", None)
    lines = cell_lines(text, notebook)
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="sbs-nb-") as workdir:
        # IPC sockets in the temp dir: no TCP ports on a shared machine, and no ipykernel warning about them
        km = KernelManager(kernel_name=KERNELSPEC["name"], transport="ipc", ip=os.path.join(workdir, "kernel"))
        client = NotebookClient(notebook, km=km, timeout=cell_timeout, kernel_name=KERNELSPEC["name"],
                                resources={"metadata": {"path": workdir}}, record_timing=False)
        # cleanup_kc: shut the kernel down on exit (nbclient only does so by default for managers it made)
        with client.setup_kernel(env=kernel_env(workdir, **(env or {})), cwd=workdir, cleanup_kc=True):
            info = client.wait_for_reply(client.kc.kernel_info())
            notebook.metadata["language_info"] = info["content"]["language_info"] if info else {"name": "python"}
            code_number = 0
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                code_number += 1
                where = f"code cell {code_number}"
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    raise SiteError(source, lines[index], f"{where} failed: {error.ename}: {_first_line(error.evalue)}",
                                    f"fix the cell, then run: python -m sidebyside notebooks {source.stem}") from None
                except CellTimeoutError:
                    raise SiteError(source, lines[index], f"{where} did not finish within {cell_timeout} s",
                                    "make the cell faster (fewer epochs, smaller data)") from None
                except DeadKernelError:
                    raise SiteError(source, lines[index], f"the kernel died while running {where}",
                                    "check memory use; run the source as a script to see the crash") from None
                _drop_stderr(cell)
            probe = _probe(client, notebook)
    seconds = time.perf_counter() - started
    notebook.metadata["sidebyside"] = {
        "source": source.name,
        "source_sha256": source_hash(text),
        "versions": probe["versions"],
        "run": run_record(seconds, probe["cpu"], load_before),
    }
    return Executed(source, notebook, seconds, probe["cpu"])


def run_record(seconds: float, cpu_seconds: float, load_before: float) -> dict:
    """How long the execution took and on what, so a page can quote run times from the recording.

    The load average says whether other work shared the machine: a run time
    measured on a busy machine is shown with that load, not as an idle figure.
    """
    return {"date": datetime.date.today().isoformat(), "wall_seconds": round(seconds, 1), "cpu_seconds": round(cpu_seconds, 1),
            "cores": os.cpu_count(), "load_average": round(max(load_before, os.getloadavg()[0]), 1)}


def _probe(client: NotebookClient, notebook: nbformat.NotebookNode) -> dict:
    """Ask the kernel which interpreter and package versions it used."""
    cell = nbformat.v4.new_code_cell(_VERSION_PROBE)
    notebook.cells.append(cell)  # nbclient writes outputs back by index
    try:
        client.execute_cell(cell, len(notebook.cells) - 1)
    finally:
        notebook.cells.pop()
    text = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")
    probe = json.loads(text)
    if os.path.realpath(probe["python"]) != os.path.realpath(sys.executable):
        raise SiteError("<kernel>", None, f"kernel ran {probe['python']}, not {sys.executable}",
                        "install the kernelspec into the venv: .venv/bin/python -m ipykernel install --sys-prefix")
    return probe


def _drop_stderr(cell: nbformat.NotebookNode) -> None:
    """Keep what the cell printed or displayed, not library warnings (as for snippets: stdout only)."""
    cell.outputs = [o for o in cell.outputs if o.get("name") != "stderr"]


def _first_line(text: str) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def write(executed: Executed, out_dir: Path = OUTPUTS) -> Path:
    """Write atomically, so a crash never leaves a half-written notebook."""
    target = output_path(executed.source, out_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".ipynb.tmp")
    nbformat.write(executed.notebook, tmp)
    tmp.replace(target)
    return target


def recorded(path: Path) -> dict:
    """The ``sidebyside`` metadata of a committed notebook ({} when absent)."""
    try:
        return nbformat.read(path, as_version=4).metadata.get("sidebyside", {})
    except (OSError, ValueError):
        return {}


def is_current(source: Path, out_dir: Path = OUTPUTS) -> bool:
    """True when the committed notebook was executed from exactly this source text."""
    meta = recorded(output_path(source, out_dir))
    return meta.get("source_sha256") == source_hash(source.read_text(encoding="utf-8"))


def record(name: str | None = None, force: bool = False, root: Path = SOURCES, out_dir: Path = OUTPUTS) -> list[str]:
    """Execute ``name`` (or every stale notebook, or all with ``force``) and write the results."""
    sources = discover(root)
    if name is not None:
        if name not in sources:
            known = ", ".join(sources) or "none"
            raise SiteError("<command line>", None, f"no notebook '{name}' in {root.name}/", f"known notebooks: {known}")
        chosen = [sources[name]]
    else:
        chosen = [s for s in sources.values() if force or not is_current(s, out_dir)]
    report = [f"up to date: {s.stem}" for s in sources.values() if s not in chosen and name is None]
    for source in chosen:
        executed = execute(source)
        refuse_moving_output(source, executed, execute(source, env=OTHER_CPU))
        target = write(executed, out_dir)
        shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        report.append(f"executed {source.stem} in {executed.seconds:.1f} s (kernel CPU {executed.cpu_seconds:.1f} s) -> {shown}")
    return report


def refuse_moving_output(source: Path, executed: Executed, other: Executed) -> None:
    """Refuse a notebook whose cells print other text when its kernels run as on a CPU without AVX-512.

    The notebook test compares a re-execution with the committed outputs up
    to host noise (``parity.moved_lines``); the same comparison here, before
    anything is written, catches what would fail it on another host.
    """
    lines = cell_lines(source.read_text(encoding="utf-8"), executed.notebook)
    code = [index for index, cell in enumerate(executed.notebook.cells) if cell.cell_type == "code"]
    pairs = zip(code, text_outputs(executed.notebook), text_outputs(other.notebook), strict=True)
    for number, (index, first, second) in enumerate(pairs, start=1):
        if moved := moved_lines(first, second):
            _, a, b = moved[0]
            raise SiteError(
                source, lines[index], f"code cell {number} printed {a!r}, then {b!r} with its kernels limited to AVX2 "
                "(as a CPU without AVX-512 runs them); nothing was written",
                "print a value that is float32 rounding as the bound it is checked against, not its size",
            )


TIMING_RE = re.compile(r"(trained \d+ epochs in )\d+(?:\.\d+)? s\b")
"""The one kind of line a tutorial prints that differs run to run: a training time it says is a time."""


def text_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    """Each code cell's printed text (stdout and plain-text results), timings normalised.

    A fresh execution must reproduce these exactly; figures (SVG) are left
    out because their bytes depend on the renderer, not on the numbers.
    """
    out = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for output in cell.outputs:
            if output.get("name") == "stdout":
                parts.append(output.get("text", ""))
            elif output.output_type in ("execute_result", "display_data") and "text/plain" in output.get("data", {}) \
                    and not any(k.startswith("image/") for k in output["data"]):
                parts.append(output["data"]["text/plain"] + "\n")
        out.append(TIMING_RE.sub(r"\1<time> s", "".join(parts)))
    return out


def metric_problems(notebook: nbformat.NotebookNode, name: str) -> list[str]:
    """Re-check a notebook's ``metrics`` cell asserts against the values it recorded.

    The cell starts with ``metrics = {...}``, prints the dict and asserts on
    it; here the printed dict is read back and the same asserts run on it,
    so a committed value edited past its own threshold is caught without
    executing anything.
    """
    cells = [c for c in notebook.cells if c.cell_type == "code" and c.source.lstrip().startswith("metrics = ")]
    if len(cells) != 1:
        return [f"{name}: expected one code cell starting with 'metrics = ', found {len(cells)}"]
    cell = cells[0]
    printed = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout").strip()
    try:
        metrics = ast.literal_eval(printed)
    except (ValueError, SyntaxError):
        return [f"{name}: the metrics cell printed {printed!r}, not a dict literal; re-record the notebook"]
    problems = []
    asserts = [node for node in ast.parse(cell.source).body if isinstance(node, ast.Assert)]
    if not asserts:
        problems.append(f"{name}: the metrics cell has no assert")
    for node in asserts:
        if not eval(compile(ast.Expression(node.test), name, "eval"), {"metrics": metrics}):  # noqa: S307 - our own source
            problems.append(f"{name}: recorded metrics {metrics} fail the notebook's own check '{ast.unparse(node.test)}'")
    return problems
