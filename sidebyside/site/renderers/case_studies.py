"""``@render case-studies``: the porting case studies from ``data/case_studies.json``.

One section per study: where the model comes from (repository, file, commit,
licence), which way it was ported, what the port needed, and the recorded
differences of eval outputs and of one training step, in float32 and in the
float64 reference, against the record's tolerances. Re-running the record
redraws the page; nothing here is typed by hand.
"""

from __future__ import annotations

import html

from sidebyside.site.renderers import RenderContext
from sidebyside.tools.case_studies.record import load

DIRECTION = {"keras-to-torch": "Keras → PyTorch", "torch-to-keras": "PyTorch → Keras 3"}
VERDICT = {"pass": "passes", "fail": "fails"}


def _figures(item: dict, doc: dict) -> str:
    rows = [("Eval outputs", "eval_float32", "eval_float64", f"≤ {doc['eval_tolerance']:g} in float32"),
            ("Weights after one Adam step", "step_float32", "step_float64", f"≤ {doc['step_tolerance']:g} in float64")]
    lines = ["| Largest absolute difference | float32 | float64 reference | Tolerance |", "| --- | --- | --- | --- |"]
    lines += [f"| {label} | {item[a]:.1e} | {item[b]:.1e} | {tol} |" for label, a, b, tol in rows]
    return "\n".join(lines)


def render_document(doc: dict) -> str:
    out = ["| Model | Source | Direction | Covers | Result |", "| --- | --- | --- | --- | --- |"]
    for item in doc["studies"]:
        out.append(f"| [{item['title']}](#{item['id']}) | `{item['repo']}` | {DIRECTION[item['direction']]} | "
                   f"{'; '.join(item['covers'])} | {VERDICT[item['status']]} |")
    for item in doc["studies"]:
        out += ["", f"## {html.escape(item['title'])} {{ #{item['id']} }}", "",
                f"**Source:** [`{item['repo']}` `{item['path']}`]({item['url']}) at commit `{item['commit'][:10]}`, "
                f"licence {item['licence']}. Rewritten here from the published architecture, smaller; ported "
                f"{DIRECTION[item['direction']]} with the [helper](index.md#weight-helper) alone.", "",
                "**What the port needed:**", "", *[f"- {need}" for need in item["needed"]], "", _figures(item, doc)]
    versions = ", ".join(f"{name} {version}" for name, version in doc["versions"].items())
    out += ["", f"Recorded {doc['as_of']} with {versions}."]
    return "\n".join(out)


def render(ctx: RenderContext) -> str:
    return render_document(load())
