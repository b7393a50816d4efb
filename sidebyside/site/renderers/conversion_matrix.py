"""``@render conversion-matrix``: the conversion matrix page from ``data/conversions/matrix.json``.

Rows are conversion paths, columns model families. Every cell is a
recorded run: a pass shows the largest output difference, a failure its
status, and each path's section below the table gives the first error line
of every failing cell and the tool versions it ran with. Nothing here is
typed by hand: re-running ``make conversions`` redraws the page.
"""

from __future__ import annotations

import html

from sidebyside.site.renderers import RenderContext
from sidebyside.tools.conversions.schema import load, passed

# text symbols, not emoji: the site self-hosts its fonts and many systems lack an emoji font
SYMBOL = {"pass": "✓", "mismatch": "≠", "error": "✗", "timeout": "✗", "crash": "✗"}
WORD = {"pass": "passes", "mismatch": "runs, outputs differ", "error": "fails", "timeout": "times out", "crash": "crashes"}
ENV_NAME = {"test": "`.venv` (the test environment)", "convert": "`.venv-convert` (separate, `requirements/conversions.txt`)"}


def _cell(cell: dict) -> str:
    status = cell["status"]
    if status == "pass":
        text = f"{SYMBOL[status]}<br><small>{cell['max_abs_diff']:.1e}</small>"
    else:
        text = f"{SYMBOL[status]}<br><small>{status}</small>"
    return f'<td class="sbs-conv-{status}" title="{html.escape(WORD[status])}">{text}</td>'


def _short(error: str, limit: int = 240) -> str:
    """An error line fit for inline code: no backticks, one line, bounded length."""
    text = " ".join(error.replace("`", "'").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _versions(cells: list[dict]) -> str:
    seen: dict[str, set[str]] = {}
    for cell in cells:
        for name, version in cell["versions"].items():
            seen.setdefault(name, set()).add(version)
    return ", ".join(f"{name} {' / '.join(sorted(v))}" for name, v in seen.items())


def render_document(doc: dict) -> str:
    """Markdown for a validated record (used by the page and by tests)."""
    cells = {(c["path"], c["family"]): c for c in doc["cells"]}
    ok, total = passed(doc)
    envs = "; ".join(f"{env}: " + ", ".join(f"{k} {v}" for k, v in versions.items())
                     for env, versions in doc["envs"].items())
    lines = [
        f'!!! info "{ok} of {total} cells pass"',
        f"    {len(doc['paths'])} paths × {len(doc['families'])} model families, each cell run in its own process "
        f"on {doc['date']} (Python {doc['python']}, {doc['platform']}); the runs that produced this record took "
        f"{doc['seconds'] / 60:.0f} min of wall time on a shared, busy 2-core machine. A cell passes when the converted model's "
        f"outputs differ from the original's by at most {doc['tolerance']:.0e} on the same random batch. "
        f"Environments: {envs}. Raw data: `data/conversions/matrix.json`.",
        "",
        '<div class="sbs-conv-wrap" markdown>',
        '<table class="sbs-conv"><thead><tr><th scope="col">Path</th>'
        + "".join(f'<th scope="col">{html.escape(f["title"]).replace("`", "")}</th>' for f in doc["families"])
        + '<th scope="col">Passed</th></tr></thead><tbody>',
    ]
    for path in doc["paths"]:
        row = [cells[(path["id"], f["id"])] for f in doc["families"]]
        count = sum(c["status"] == "pass" for c in row)
        lines.append(f'<tr><th scope="row"><a href="#{path["id"]}">{html.escape(path["title"])}</a></th>'
                     + "".join(_cell(c) for c in row) + f"<td>{count}/{len(row)}</td></tr>")
    lines += ["</tbody></table>", "</div>", "",
              "✓ pass (the number is the largest absolute difference) · ≠ runs but outputs differ · ✗ fails (error, "
              "timeout or crash, named under the mark)", ""]
    lines += ["## Each path { #paths }", ""]
    for path in doc["paths"]:
        row = [cells[(path["id"], f["id"])] for f in doc["families"]]
        count = sum(c["status"] == "pass" for c in row)
        lines += [f"### {path['title']} {{ #{path['id']} }}", "",
                  f"How: {path['how']}. Runs in {ENV_NAME[path['env']]}."
                  + (f" Why separate: {path['why_separate']}" if path.get("why_separate") else ""),
                  f"Passes {count} of {len(row)} families. Versions: {_versions(row)}.", ""]
        for cell, family in zip(row, doc["families"], strict=True):
            detail = (f"largest difference {cell['max_abs_diff']:.2e}" if cell["status"] == "pass"
                      else f"`{_short(cell['error'])}`")
            lines.append(f"- {SYMBOL[cell['status']]} {family['title']}: {WORD[cell['status']]}; {detail} "
                         f"({cell['seconds']:.0f} s)")
        lines.append("")
    return "\n".join(lines)


def render(ctx: RenderContext) -> str:
    return render_document(load())
