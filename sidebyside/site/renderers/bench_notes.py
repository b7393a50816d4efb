"""``@render bench-notes``: the results a reader will question, explained with the recorded figures.

Each note states the figure from the newest result file and what in the
recorded data explains it. A note whose premise the data no longer show
(say, compiled PyTorch becomes faster than eager) is left out rather than
printed against the evidence.
"""

from __future__ import annotations

from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers.bench_results import latest_document
from sidebyside.tools.bench.figures import Figures, times


def _ms(value: float) -> str:
    return f"{value:.2f} ms"


def _compiled_slower(f: Figures) -> str | None:
    pairs = [(name, f.median(f"{name} train step, compiled", "pytorch"), f.median(f"{name} train step, eager", "pytorch"))
             for name in ("MLP", "CNN")]
    slower = [(name, c, e) for name, c, e in pairs if c > e * 1.1]
    if not slower:
        return None
    figures = "; ".join(f"{name} {_ms(c)} compiled against {_ms(e)} eager" for name, c, e in slower)
    return (f"- **`torch.compile` made PyTorch's train step slower** ({figures}). A step here lasts about a "
            "millisecond, so fixed costs decide: each call of the compiled model checks its guards and goes through "
            "the autograd wrapper around the compiled graph, and Inductor replaces the small element-wise and pooling "
            "operations with generated C++ loops while the convolutions still call the same library kernels as "
            "eager. Nothing large is left to fuse, so compiling cannot win at this size. The optimizer step stays "
            "eager in both variants. `python -m sidebyside.tools.bench.profile_step` prints where the time of both "
            "steps goes on your machine.")


def _compile_times(f: Figures, doc: dict) -> str | None:
    mlp, cnn = (f.row(f"{name} compile time, compiled").pt for name in ("MLP", "CNN"))
    if mlp is None or cnn is None or mlp.median <= cnn.median:
        return None
    values = ", ".join(f"{v:.2f}" for v in (mlp.low, mlp.high))
    first_use = "Compiler first use (one-line function)" in f.by_case
    text = (f"- **PyTorch's compile times look like warm-up, and partly are.** The small MLP took "
            f"{times(mlp.median / cnn.median)} longer to compile ({mlp.median:.2f} s) than the larger CNN "
            f"({cnn.median:.2f} s) because it is compiled first in each process and so also pays Inductor's one-time "
            f"start-up. Both rounds recorded nearly the same values (MLP: {values} s), although the second process could "
            "load the first one's code from Inductor's on-disk cache in `/tmp`: these figures are most likely cache "
            "loads, a lower bound for compiling from scratch.")
    if first_use:
        text += " This file measures the compiler's first use separately and compiles into an empty cache."
    else:
        text += (" `make bench` now compiles into an empty cache per process and times the compiler's first use on a "
                 "one-line function separately; this file predates that change.")
    return text


def _matmul(f: Figures, doc: dict) -> str | None:
    row = next((r for r in f.by_case.values() if r.group == "matmul"), None)
    if row is None or row.pt is None or row.ref is None or row.tf is None:
        return None
    blas = row.pt.variant.split("(")[-1].rstrip(")")
    if "mkl" not in blas.lower():
        return None
    share = {fw: 100 * s.median / row.ref.high for fw, s in (("tensorflow", row.tf), ("pytorch", row.pt))}
    return (f"- **Matrix multiply.** PyTorch's x86 wheels call Intel MKL ({blas}). On this "
            f"{doc['machine']['cpu']} CPU it reached {share['pytorch']:.0f}% of the measured peak with one thread, "
            f"TensorFlow {share['tensorflow']:.0f}%. Intel MKL is tuned for Intel CPUs; on one the picture can differ.")


def _workers(f: Figures) -> str | None:
    serial = f.median("Input pipeline, in-memory arrays, serial", "pytorch")
    parallel = f.median("Input pipeline, in-memory arrays, 2 parallel workers", "pytorch")
    if parallel >= serial:
        return None
    return (f"- **Parallel input workers.** `DataLoader` workers are processes started at every epoch; on data this "
            f"small their start-up dominates, so 2 workers delivered {parallel:,.0f} samples/s from memory against "
            f"{serial:,.0f} with none. `tf.data` uses threads inside one process. Use `persistent_workers=True` and "
            "real data sizes before drawing conclusions.")


def notes(doc: dict) -> str:
    f = Figures.of(doc)
    found = [_compiled_slower(f), _compile_times(f, doc), _matmul(f, doc), _workers(f)]
    return "\n".join(note for note in found if note)


def render(ctx: RenderContext) -> str:
    doc, _ = latest_document(ctx)
    return notes(doc)
