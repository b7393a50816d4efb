"""``@render bench-verdict``: the benchmark page's verdict, every figure read from the newest result file.

The sentences are fixed; the numbers and the comparison verbs come from
the data (``sidebyside.tools.bench.figures``). Where the data no longer fit
a sentence's shape (the other framework became faster), rendering stops
and names this file, instead of printing a claim the data contradict.
"""

from __future__ import annotations

from sidebyside.site.renderers import RenderContext
from sidebyside.site.renderers.bench_results import latest_document
from sidebyside.tools.bench.figures import Figures, is_tie, reached_summary, times, versus


class StaleWording(ValueError):
    """The verdict's sentence shape no longer matches the data."""


def _faster(f: Figures, case: str) -> str:
    row = f.row(case)
    ratio = f.ratio(case)
    tf_faster = ratio < 1 if row.lower_is_better else ratio > 1
    return "tensorflow" if tf_faster else "pytorch"


def _expect(f: Figures, cases: list[str], side: str) -> None:
    wrong = [case for case in cases if _faster(f, case) != side or is_tie(f.ratio(case))]
    if wrong:
        raise StaleWording(f"sidebyside/site/renderers/bench_verdict.py: the verdict says {side} is faster on "
                           f"'{wrong[0]}', the data do not; rewrite the sentence")


def _span(values: list[float]) -> str:
    low, high = min(values), max(values)
    return times(low) if times(low) == times(high) else f"{times(low).split()[0]} to {times(high)}"


def verdict(doc: dict) -> str:
    f = Figures.of(doc)
    eager = ["MLP train step, eager", "CNN train step, eager"]
    startup = ["Import time", "Peak RSS of a training step"]
    _expect(f, [*eager, f.training_case, *startup], "pytorch")
    epochs, target = f.config["max_epochs"], f"{f.config['target_accuracy']:.0%}"
    tf_mb, pt_mb = (f.median("Peak RSS of a training step", fw) for fw in ("tensorflow", "pytorch"))
    threads = doc["threads"]["intra_op"]
    lines = [
        f"On this {doc['machine']['cores']}-core CPU, with {threads} intra-op thread{'s' if threads > 1 else ''} each, "
        f"PyTorch's eager mode runs a small train step {_span([f.speedup(c) for c in eager])} faster than TensorFlow's "
        f"eager mode, runs {epochs} training epochs of the digits CNN {times(f.speedup(f.training_case))} faster "
        f"(`model.fit` against a plain loop), imports {times(f.speedup('Import time'))} faster and peaks at "
        f"{pt_mb:.0f} MB of memory against {tf_mb:.0f} MB.",
    ]
    outcomes = {fw: f.outcome(f.target_case, fw) for fw in ("tensorflow", "pytorch")}
    if all(o.all_reached for o in outcomes.values()):
        names = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}
        lines.append(f"Both reach {target} test accuracy in every run; {names[_faster(f, f.target_case)]} gets there "
                     f"{times(f.speedup(f.target_case))} sooner.")
    else:
        lines.append(f"Neither framework reliably reaches {target} test accuracy within {epochs} epochs "
                     f"(TensorFlow in {reached_summary(outcomes['tensorflow'])}, PyTorch in "
                     f"{reached_summary(outcomes['pytorch'])}), so this page claims no time to {target}.")
    mlp, cnn = f.row("MLP train step, compiled"), f.row("CNN train step, compiled")
    lines.append(f"Compiled, the gap closes: `tf.function` {versus(mlp, 'tensorflow')} `torch.compile` on the MLP "
                 f"and {versus(cnn, 'tensorflow')} it on the CNN.")
    onnx = [f.row(f"Inference latency, batch {b}, ONNX") for b in (1, 64)]
    if all(is_tie(r.ratio) for r in onnx):
        lines.append("Exported to ONNX, both run within 10% of each other in onnxruntime, which this page counts as a tie.")
    else:
        sides = {_faster(f, r.case) for r in onnx}
        if len(sides) != 1:
            lines.append("Exported to ONNX and run in onnxruntime, each export is faster at one of the two batch sizes.")
        else:
            side = sides.pop()
            other = "pytorch" if side == "tensorflow" else "tensorflow"
            names = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}
            lines.append(f"Exported to ONNX and run in onnxruntime, {names[side]}'s export is "
                         f"{_span([f.speedup(r.case) for r in onnx])} faster than {names[other]}'s at batch 1 and 64: "
                         "a small gap, but more than the 10% this page counts as a tie.")
    lines.append("Re-run `make bench` on your own machine before deciding on speed.")
    return "\n".join(lines)


def render(ctx: RenderContext) -> str:
    doc, _ = latest_document(ctx)
    return verdict(doc)
