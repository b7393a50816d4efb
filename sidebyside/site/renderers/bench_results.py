"""``@render bench-results``: benchmark tables from the newest ``data/bench/*.json``.

Ratios (TensorFlow / PyTorch) are the headline because they carry over
between machines far better than absolute times; every table also shows
the median, the min-max spread and the number of repeats.
"""

from __future__ import annotations

from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext
from sidebyside.tools.bench.compare import GROUP_TITLES, Outcome, Row, Stat, rows
from sidebyside.tools.bench.schema import load_results, newest
from sidebyside.tools.measured import fmt

BENCH_DIR = ROOT / "data" / "bench"
CHARTS = "assets/bench"


def _cell(stat: Stat | None) -> str:
    if stat is None:
        return "—"
    spread = f" ({fmt(stat.low)}–{fmt(stat.high)})" if stat.n > 1 else ""
    return f"{fmt(stat.median)}{spread}<br><small>{stat.variant}, n={stat.n}</small>"


def _ratio(row: Row) -> str:
    return f"{row.ratio:.2f}" if row.ratio is not None else "—"


def _accuracy(value: float) -> str:
    return f"{value:.4f}"


def _target_cell(stat: Stat | None, outcome: Outcome | None) -> str:
    """A time-to-target cell that says how many runs reached the target, and how far the others got."""
    if outcome is None:
        return "—"
    n, reached, unknown = len(outcome.runs), outcome.count(True), outcome.count(None)
    if outcome.all_reached and stat:
        head = f"{fmt(stat.median)} ({fmt(stat.low)}–{fmt(stat.high)})"
    else:
        head = "not reached" if not reached else "not reached in every run"
    parts = [f"{reached} of {n} runs reached {outcome.target:.0%}"]
    best = outcome.best_missed
    if best is not None:
        parts.append(f"{outcome.count(False)} missed (best {_accuracy(best['test_accuracy'])} after {best['epochs']} epochs)")
    if unknown:
        parts.append(f"{unknown} not recorded")
    if reached and not outcome.all_reached and stat:
        parts.append(f"the runs that reached it took {fmt(stat.low)}–{fmt(stat.high)} s")
    return f"{head}<br><small>{'; '.join(parts)}</small>"


def _runs_table(all_rows: list[Row]) -> list[str]:
    """Every training run, every round: what it reached and when."""
    lines = []
    for r in all_rows:
        for label, outcome in (("TensorFlow", r.tf_outcome), ("PyTorch", r.pt_outcome)):
            for run in outcome.runs if outcome else ():
                accuracy = "not recorded" if run["test_accuracy"] is None else _accuracy(run["test_accuracy"])
                reached = {True: f"yes, epoch {run['epoch_reached']}", False: "no", None: "not recorded"}[run["reached"]]
                lines.append(f"| {label} | {run['round']} | {run['seed']} | {run['epochs']} | {fmt(run['seconds'])} | "
                             f"{accuracy} | {reached} |")
    if not lines:
        return []
    target = next(o.target for r in all_rows for o in (r.tf_outcome, r.pt_outcome) if o)
    return ["", f"Every training run, as recorded (target {target:.0%} test accuracy):", "",
            "| Framework | Round | Seed | Epochs | Seconds | Final test accuracy | Reached target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |", *lines]


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
        # the file's migration 'history' is for maintainers: it stays in the JSON, not on the page
        "",
        "## Headline ratios { #headline }",
        "",
        "Ratio = TensorFlow median / PyTorch median. For times, below 1 means TensorFlow is faster;",
        "for throughputs (samples/s, GFLOP/s), above 1 means TensorFlow is faster. The last column says which.",
        "",
        "| Case | Unit | TensorFlow / PyTorch | Faster |",
        "| --- | --- | ---: | --- |",
    ]
    lines += [f"| {r.case} | {r.unit} | {_ratio(r)} | {r.faster} |" for r in all_rows if r.ratio is not None or r.has_target]
    lines += [
        "",
        '<figure class="sbs-chart" tabindex="0" markdown>',
        f"![Bar chart of the TensorFlow to PyTorch ratio for each case above, on a log scale; bars to the right mean PyTorch "
        f"is faster. The same numbers are in the table above.]({chart_prefix}/ratios.svg#only-light){{ loading=lazy width=700 }}",
        f"![Bar chart of the TensorFlow to PyTorch ratio for each case above, on a log scale; bars to the right mean PyTorch "
        f"is faster. The same numbers are in the table above.]({chart_prefix}/ratios-dark.svg#only-dark){{ loading=lazy width=700 }}",
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
            if r.has_target:
                lines.append(f"| {r.case} | {r.unit} | {_target_cell(r.tf, r.tf_outcome)} | {_target_cell(r.pt, r.pt_outcome)} "
                             f"| {_ratio(r)} |")
            else:
                lines.append(f"| {r.case} | {r.unit} | {_cell(r.tf)} | {_cell(r.pt)} | {_ratio(r)} |")
        if group == "training":
            lines += _runs_table(group_rows)
        if group == "matmul":
            for r in group_rows:
                if r.ref:
                    tf_pct = f"{100 * r.tf.median / r.ref.high:.0f}%" if r.tf else "—"
                    pt_pct = f"{100 * r.pt.median / r.ref.high:.0f}%" if r.pt else "—"
                    lines += ["", f"Measured peak (best NumPy BLAS run, same size and threads): {fmt(r.ref.high)} GFLOP/s. "
                              f"TensorFlow reaches {tf_pct} of it, PyTorch {pt_pct}."]
        if group == "step":
            lines += ["", '<figure class="sbs-chart" tabindex="0" markdown>',
                      f"![Grouped bar chart of median milliseconds per train step for the MLP and the CNN, eager and compiled, "
                      f"TensorFlow and PyTorch side by side; the same numbers are in the table above.]({chart_prefix}/train-step.svg#only-light)"
                      "{ loading=lazy width=700 }",
                      f"![Grouped bar chart of median milliseconds per train step for the MLP and the CNN, eager and compiled, "
                      f"TensorFlow and PyTorch side by side; the same numbers are in the table above.]({chart_prefix}/train-step-dark.svg#only-dark)"
                      "{ loading=lazy width=700 }",
                      "<figcaption>Median time per train step; whiskers show min and max (log scale).</figcaption>",
                      "</figure>"]
        lines.append("")
    return "\n".join(lines)


def latest_document(ctx: RenderContext) -> tuple[dict, str]:
    """The newest validated result document and its file name, or a page error."""
    latest = newest(BENCH_DIR)
    if latest is None:
        page = Path(ctx.config["docs_dir"]) / ctx.page_src
        raise SiteError(page, ctx.line, "no benchmark results in data/bench/", "run 'make bench' and commit the JSON file")
    return load_results(latest), latest.name


def render(ctx: RenderContext) -> str:
    doc, name = latest_document(ctx)
    depth = ctx.page_src.count("/")
    return render_document(doc, name, "../" * depth + CHARTS)
