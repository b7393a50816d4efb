"""``@render notebook-run-times``: how long each tutorial took, read from its executed notebook.

The execution records wall and CPU time, the date, the core count and the
load average of the machine (``sidebyside.pairs.notebooks.run_record``), so
the page quotes the recording instead of typing numbers, and says when the
machine was busy.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext

NOTEBOOKS = ROOT / "docs" / "notebooks"


def _title(notebook: dict, fallback: str) -> str:
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def table(folder: Path, page_src: str, page: Path, line: int) -> str:
    rows = ["| Tutorial | Wall time (CPU time) | Recorded on |", "| --- | ---: | --- |"]
    for path in sorted(folder.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        run = notebook.get("metadata", {}).get("sidebyside", {}).get("run")
        if not run:
            raise SiteError(page, line, f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} records no run time",
                            f"re-record it: python -m sidebyside notebooks {path.stem}")
        link = posixpath.relpath(f"notebooks/{path.name}", posixpath.dirname(page_src) or ".")
        busy = "an idle machine" if run["load_average"] < 1 else f"a shared machine (load average {run['load_average']:g})"
        rows.append(f"| [{_title(notebook, path.stem)}]({link}) | {run['wall_seconds']:.0f} s ({run['cpu_seconds']:.0f} s) | "
                    f"{run['date']}, {run['cores']} cores, {busy} |")
    return "\n".join(rows)


def render(ctx: RenderContext) -> str:
    return table(NOTEBOOKS, ctx.page_src, Path(ctx.config["docs_dir"]) / ctx.page_src, ctx.line)
