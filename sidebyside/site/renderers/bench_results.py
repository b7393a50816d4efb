"""``@render bench-results``: benchmark tables from the newest ``data/bench/*.json``.

Ratios (TensorFlow / PyTorch) are the headline because they carry over
between machines far better than absolute times; every table also shows
the median, the min-max spread and the number of repeats.
"""

from __future__ import annotations

from pathlib import Path

from sidebyside import ROOT
from sidebyside.tools.bench.compare import GROUP_TITLES, Row, Stat, rows
from sidebyside.tools.bench.schema import load_results, newest
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext

BENCH_DIR = ROOT / "data" / "bench"
CHARTS = "assets/bench"


def _num(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def _cell(stat: Stat | None) -> str:
    if stat is None:
        return "—"
    spread = f" ({_num(stat.low)}–{_num(stat.high)})" if stat.n > 1 else ""
    return f"{_num(stat.median)}{spread}<br><small>{stat.variant}, n={stat.n}</small>"


def _ratio(row: Row) -> str:
    return f"{row.ratio:.2f}" if row.ratio is not None else "—"


def render_document(doc: dict, source_name: str, chart_prefix: str) -> str:
    """Markdown for a validated result document (used by the page and by tests)."""
    all_rows = rows(doc)
    machine = doc["machine"]
    v = doc["versions"]
    lines = [
        f'!!! info "Measured on {doc["date"]}"',
        f'    {machine["cpu"]}, {machine["cores"]} cores, {machine["memory_gib"]} GiB; {doc["os"]}; Python {doc["python"]}; '
        f'TensorFlow {v["tensorflow"]} (Keras {v["keras"]}), PyTorch {v["torch"]}, onnxruntime {v["onnxruntime"]}; '
        f'{doc["threads"]["intra_op"]} intra-op thread(s) in both. Raw data: `data/bench/{source_name}`'
        + (" (smoke mode: tiny sizes, not for conclusions)" if doc["mode"] == "smoke" else "") + ".",
        "",
        "## Headline ratios { #headline }",
        "",
        "Ratio = TensorFlow median / PyTorch median. For times, below 1 means TensorFlow is faster;",
        "for throughputs (samples/s, GFLOP/s), above 1 means TensorFlow is faster. The last column says which.",
        "",
        "| Case | Unit | TensorFlow / PyTorch | Faster |",
        "| --- | --- | ---: | --- |",
    ]
    lines += [f"| {r.case} | {r.unit} | {_ratio(r)} | {r.faster} |" for r in all_rows if r.ratio is not None]
    lines += [
        "",
        '<figure class="sbs-chart" markdown>',
        f"![Bar chart of the TensorFlow to PyTorch ratio for each case above, on a log scale; bars to the right mean PyTorch "
        f"is faster. The same numbers are in the table above.]({chart_prefix}/ratios.svg){{ loading=lazy width=700 }}",
        "<figcaption>How many times faster one framework is, per case (log scale).</figcaption>",
        "</figure>",
        "",
    ]
    for group, title in GROUP_TITLES.items():
        group_rows = [r for r in all_rows if r.group == group]
        if not group_rows:
            continue
        lines += [f"## {title} {{ #{group} }}", "", "| Case | Unit | TensorFlow median (min–max) | PyTorch median (min–max) | Ratio |",
                  "| --- | --- | --- | --- | ---: |"]
        for r in group_rows:
            lines.append(f"| {r.case} | {r.unit} | {_cell(r.tf)} | {_cell(r.pt)} | {_ratio(r)} |")
        if group == "matmul":
            for r in group_rows:
                if r.ref:
                    tf_pct = f"{100 * r.tf.median / r.ref.high:.0f}%" if r.tf else "—"
                    pt_pct = f"{100 * r.pt.median / r.ref.high:.0f}%" if r.pt else "—"
                    lines += ["", f"Measured peak (best NumPy BLAS run, same size and threads): {_num(r.ref.high)} GFLOP/s. "
                              f"TensorFlow reaches {tf_pct} of it, PyTorch {pt_pct}."]
        if group == "step":
            lines += ["", '<figure class="sbs-chart" markdown>',
                      f"![Grouped bar chart of median milliseconds per train step for the MLP and the CNN, eager and compiled, "
                      f"TensorFlow and PyTorch side by side; the same numbers are in the table above.]({chart_prefix}/train-step.svg)"
                      "{ loading=lazy width=700 }",
                      "<figcaption>Median time per train step; whiskers show min and max (log scale).</figcaption>",
                      "</figure>"]
        lines.append("")
    return "\n".join(lines)


def render(ctx: RenderContext) -> str:
    latest = newest(BENCH_DIR)
    page = Path(ctx.config["docs_dir"]) / ctx.page_src
    if latest is None:
        raise SiteError(page, ctx.line, "no benchmark results in data/bench/", "run 'make bench' and commit the JSON file")
    doc = load_results(latest)
    depth = ctx.page_src.count("/")
    return render_document(doc, latest.name, "../" * depth + CHARTS)
