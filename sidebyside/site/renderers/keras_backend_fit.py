"""``@render keras-backend-fit``: seconds per ``fit`` epoch of one Keras model on each backend.

The numbers come from ``data/backends/fit-speed.json``; the conditions of
the run (date, machine, note) are printed with them, because a timing
without its conditions misleads.
"""

from __future__ import annotations

from sidebyside.data.backend_fit import load_fit_speed
from sidebyside.site.renderers import RenderContext

LABELS = {"tensorflow": "TensorFlow", "torch": "PyTorch", "jax": "JAX"}


def render(ctx: RenderContext) -> str:
    data = load_fit_speed()
    fastest = min(run.median for run in data.runs)
    rows = ["| Backend | Median s / epoch | vs fastest | Repeats | Versions |", "| --- | ---: | ---: | ---: | --- |"]
    for run in sorted(data.runs, key=lambda r: r.median):
        versions = ", ".join(f"{k} {v}" for k, v in sorted(run.versions.items()))
        rows.append(f"| {LABELS[run.backend]} | {run.median:.3f} | {run.median / fastest:.2f}x | "
                    f"{len(run.seconds)} | {versions} |")
    load = " to ".join(f"{x:.1f}" for x in data.method["load_average"])
    caption = (f"Measured {data.date} on {data.machine}, one-minute load average {load} during the run, "
               f"{data.method['repeats']} epochs per backend after a warm-up epoch. Workload: {data.workload}.")
    if data.note:
        caption += f" **{data.note}**"
    return "\n".join(rows) + "\n\n" + caption
