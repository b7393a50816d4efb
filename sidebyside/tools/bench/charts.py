"""Draw the benchmark charts as small SVG files from a result document.

    python -m sidebyside.tools.bench.charts data/bench/<file>.json docs/assets/bench/

Text stays text in the SVG (``svg.fonttype: none``) so the files are small,
searchable and readable by screen readers; the page gives each chart a
text alternative and the same numbers as a table.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from sidebyside.tools.bench.compare import rows
from sidebyside.tools.bench.schema import load_results

STYLE = {"svg.fonttype": "none", "svg.hashsalt": "sidebyside", "font.size": 9, "axes.spines.top": False,
         "axes.spines.right": False}
TF_COLOUR, PT_COLOUR = "#e37400", "#5c6bc0"
THEMES = {
    "": {"ink": "#333"},
    "-dark": {"ink": "#d5d6da"},
}
"""File suffix -> colours for the light and the dark scheme (pages pick one with #only-light/#only-dark)."""


def themed(suffix: str) -> dict:
    """Matplotlib settings for one colour scheme: text, axes and ticks in that scheme's ink, no background."""
    ink = THEMES[suffix]["ink"]
    return {**STYLE, "text.color": ink, "axes.labelcolor": ink, "axes.edgecolor": ink, "xtick.color": ink,
            "ytick.color": ink, "savefig.transparent": True}


def ratio_chart(doc: dict, out: Path, suffix: str = "") -> Path:
    """Horizontal bars of log2(TF/PyTorch), oriented so right = PyTorch faster."""
    data = [(r.case, r.ratio if r.lower_is_better else 1 / r.ratio) for r in rows(doc) if r.ratio]
    with plt.rc_context(themed(suffix)):
        fig, ax = plt.subplots(figsize=(7, 0.26 * len(data) + 0.9))
        labels = [case for case, _ in data]
        values = [math.log2(v) for _, v in data]
        ax.barh(range(len(data)), values, color=[PT_COLOUR if v > 0 else TF_COLOUR for v in values])
        ax.set_yticks(range(len(data)), labels)
        ax.invert_yaxis()
        ax.axvline(0, color="#888", linewidth=0.8)
        low, high = min([*values, 0]), max([*values, 0])
        ticks = [t for t in range(-8, 9) if low - 1 <= t <= high + 1]
        ax.set_xticks(ticks, [f"{2 ** abs(t):g}×" for t in ticks])
        ax.set_xlabel("← TensorFlow faster      times faster      PyTorch faster →")
        fig.tight_layout()
        path = out / f"ratios{suffix}.svg"
        fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    return path


def step_chart(doc: dict, out: Path, suffix: str = "") -> Path:
    """Grouped bars of median train-step time per variant."""
    step_rows = [r for r in rows(doc) if r.group == "step"]
    with plt.rc_context(themed(suffix)):
        fig, ax = plt.subplots(figsize=(7, 2.8))
        width = 0.38
        for i, row in enumerate(step_rows):
            for offset, stat, colour in ((-width / 2, row.tf, TF_COLOUR), (width / 2, row.pt, PT_COLOUR)):
                if stat:
                    ax.bar(i + offset, stat.median, width, color=colour)
                    ax.plot([i + offset] * 2, [stat.low, stat.high], color=THEMES[suffix]["ink"], linewidth=0.8)
        ax.set_xticks(range(len(step_rows)), [r.case.replace(" train step, ", "\n") for r in step_rows])
        ax.set_yscale("log")
        ax.set_ylabel("ms per step (log scale)")
        ax.bar(0, 0, color=TF_COLOUR, label="TensorFlow")
        ax.bar(0, 0, color=PT_COLOUR, label="PyTorch")
        ax.legend(frameon=False)
        fig.tight_layout()
        path = out / f"train-step{suffix}.svg"
        fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    return path


def draw(result: Path, out: Path) -> list[Path]:
    doc = load_results(result)
    out.mkdir(parents=True, exist_ok=True)
    return [chart(doc, out, suffix) for suffix in THEMES for chart in (ratio_chart, step_chart)]


if __name__ == "__main__":
    for path in draw(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
