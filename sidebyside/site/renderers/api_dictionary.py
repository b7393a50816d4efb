"""``@render api-dictionary``: the TensorFlow <-> PyTorch API dictionary from data/rosetta.yml.

One ``<section>`` per category (its ``##`` heading is in the table of
contents), one card per row. Each card is a raw HTML block (not Markdown)
starting with an ``<h3 id=row-id>`` naming both APIs: raw, so 250 rows do
not flood the table of contents, but with an id, so Material's search
indexes it as its own section. That is what makes a search for
``reduce_sum`` land on the ``torch.sum`` row and the reverse. Code is
highlighted here with Pygments (the same classes pymdownx.highlight emits)
but without per-line anchors, which keeps this long page small. The filter box is progressive enhancement (overrides/assets/
javascripts/api-dictionary.js); without JavaScript every row is shown.
"""

from __future__ import annotations

import html
import re

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from sidebyside import ROOT
from sidebyside.data.rosetta import (
    DOMAINS,
    INPUT_FUNCS,
    OPTIMIZER_STEPS,
    SCHEDULE_STEPS,
    TOLERANCES,
    Category,
    InputSpec,
    Row,
    all_rows,
    domain_text,
    generates,
    load_rosetta,
)
from sidebyside.site.renderers import RenderContext
from sidebyside.site.weblinks import href

PINS = ROOT / "requirements" / "test.txt"
IMPORTS = "import numpy as np\nimport tensorflow as tf\nimport torch\nimport torch.nn.functional as F"


def pinned_versions() -> str:
    """``TensorFlow 2.21.0 and PyTorch 2.13.0``, read from the pins the tests install."""
    text = PINS.read_text(encoding="utf-8")
    found = {name: version for name, version in re.findall(r"^(tensorflow-cpu|torch)==(\S+)", text, re.MULTILINE)}
    return f"TensorFlow {found.get('tensorflow-cpu', '?')} and PyTorch {found.get('torch', '?')}"


WIDE = 34
"""Characters per code line above which the two sides stack instead of sitting side by side."""


def _fence(code: str) -> list[str]:
    return ["```python", *code.splitlines(), "```"]


def code_html(code: str) -> str:
    """A highlighted block shaped like pymdownx.highlight's, so Material styles it and adds a copy button."""
    body = highlight(code, PythonLexer(), HtmlFormatter(nowrap=True)).rstrip("\n")
    return f'<div class="language-python highlight"><pre><span></span><code>{body}\n</code></pre></div>'


def _inputs(row: Row) -> str:
    parts = []
    for name, spec in row.inputs.items():
        recipe = spec.recipe if isinstance(spec, InputSpec) else repr(spec)
        parts.append(f"<code>{html.escape(name)} = {html.escape(recipe)}</code>")
    return ", ".join(parts)


def _checked(row: Row) -> str:
    """One line saying what the test compares for this row."""
    subject = {
        "layer": "the layer outputs, after copying the weights,",
        "optimizer": f"the weights after {OPTIMIZER_STEPS} optimizer steps",
        "schedule": f"the learning rates of the first {SCHEDULE_STEPS} steps",
    }.get(row.kind, "the results")
    if row.check == "pair":
        return ("Not run on its own here: whole-model calls need data, files and seconds per run. Shown instead by an "
                "executed pair whose two halves make every call above.")
    if row.check == "shape":
        props = "; ".join(f"<code>{html.escape(p)}</code>" for p in row.properties)
        text = f"Tested: {subject} agree in shape and dtype (random draws differ), and each side's result <code>r</code> " \
               f"has these properties: {props}."
    else:
        text = f"Tested: {subject} agree in shape, dtype and values (tolerance <code>{html.escape(row.tol.name)}</code>)."
    if row.trivial:
        text += f" Why this check can fail: {html.escape(row.trivial)}"
    for side, code in row.negative.items():
        label = "TensorFlow" if side == "tf" else "PyTorch"
        text += f" Checked the other way too: with {label} <code>{html.escape(code)}</code> the results differ beyond the tolerance."
    if row.dtypes:
        text += f" Dtypes differ on purpose: TensorFlow <code>{row.dtypes['tf']}</code>, PyTorch <code>{row.dtypes['torch']}</code>."
    if row.inputs:
        text += f" Inputs: {_inputs(row)}."
    return text


def _row(row: Row, ctx: RenderContext) -> list[str]:
    """One card as a single raw HTML block: no blank lines inside, or Markdown would take over."""
    title = html.escape(row.title)
    wide = max(len(line) for line in (row.tf + "\n" + row.torch).splitlines()) > WIDE
    lines = [
        f'<div class="sbs-rosetta-row" data-category="{row.category}">',
        f'<h3 id="{row.id}">{title}<a class="headerlink" href="#{row.id}" title="Permanent link">&para;</a></h3>',
        f'<div class="sbs-rosetta-code{" sbs-rosetta-wide" if wide else ""}">',
        f'<div class="sbs-rosetta-side"><p class="sbs-rosetta-fw">TensorFlow</p>{code_html(row.tf)}</div>',
        f'<div class="sbs-rosetta-side"><p class="sbs-rosetta-fw">PyTorch</p>{code_html(row.torch)}</div>',
        "</div>",
        f'<p class="sbs-rosetta-notes">{html.escape(row.notes)}</p>',
    ]
    if row.kind == "layer":
        tf_call = html.escape(row.call.get("tf", "layer(x)"))
        torch_call = html.escape(row.call.get("torch", "layer(x)"))
        lines.append(
            f'<p class="sbs-rosetta-meta">Applied as: TensorFlow <code>{tf_call}</code>; '
            f"PyTorch <code>{torch_call}</code> with the module in <code>eval()</code> mode.</p>"
        )
    if row.weights:
        pairs = "".join(
            f"<li><code>{html.escape(k)}</code> = <code>{html.escape(v)}</code></li>" for k, v in row.weights.items()
        )
        lead = "Weights (Keras variable = PyTorch <code>state_dict</code> entry):"
        lines.append(f'<p class="sbs-rosetta-meta">{lead}</p><ul class="sbs-rosetta-weights">{pairs}</ul>')
    if row.domain:
        lines.append(f'<p class="sbs-rosetta-domain"><strong>Holds only for</strong> {html.escape(domain_text(row))}: '
                     "outside this the two sides differ or one of them raises.</p>")
    checked = _checked(row)
    if row.see:
        url = href(ctx, row.see, row.path, row.line, "see link")
        lead = "The pair" if row.check == "pair" else "More"
        checked += f' {lead}: <a href="{url}">{html.escape(row.see.split("#")[-1].replace("-", " "))}</a>.'
    lines.append(f'<p class="sbs-rosetta-meta">{checked}</p>')
    lines += ["</div>", ""]
    return lines


def _category(category: Category, ctx: RenderContext) -> list[str]:
    """Heading and intro are Markdown (the heading belongs in the TOC); the rows are one raw block."""
    lines = [f"## {category.title} {{ #{category.id} }}", ""]
    if category.intro:
        lines += [category.intro, ""]
    lines.append(f'<div class="sbs-rosetta-category" data-category="{category.id}">')
    for row in category.rows:
        lines += _row(row, ctx)[:-1]
    lines += ["</div>", ""]
    return lines


def check_counts(rows: list[Row]) -> str:
    """How many rows compare values and how many only shapes, counted from the data."""
    shape = sum(row.check == "shape" for row in rows)
    pair = sum(row.check == "pair" for row in rows)
    negative = sum(bool(row.negative) for row in rows)
    generated = sum(generates(row) for row in rows)
    domains = sum(bool(row.domain) for row in rows)
    return (f"{len(rows) - shape - pair} rows compare shape, dtype and values; {shape} compare only shape and dtype, because "
            f"they draw random numbers, and check properties of each draw instead (a permutation is a permutation, "
            f"moments within bounds). {negative} rows about a default also check that leaving the default unmatched "
            f"makes the results differ. Beyond the inputs each row shows, {generated} rows also run on inputs the suite "
            "generates: negative numbers, zeros, ties at .5, axes of 1 and 2 elements, a longer axis, one input "
            f"broadcast against another and empty tensors. {domains} rows hold only on part of that range; each says "
            f"where, under its code. {pair} rows about whole models (compile and fit, saving, callbacks, compiling) are "
            "proven by the executed pair each one links to, and the build checks that pair makes the row's calls.")


def render(ctx: RenderContext) -> str:
    categories = load_rosetta()
    rows = all_rows(categories)
    tolerances = ", ".join(f"<code>{name}</code> (rtol {r:g}, atol {a:g})" for name, (r, a) in TOLERANCES.items())
    lines = [
        f"{len(rows)} mappings in {len(categories)} groups. The test suite runs the rows in both frameworks "
        f"({pinned_versions()}) on the same inputs, except the rows proven by a pair. {check_counts(rows)} "
        f"Named tolerances: {tolerances}. Every snippet assumes these imports:",
        "",
        *_fence(IMPORTS),
        "",
        '<div class="sbs-rosetta-filter" role="search">',
        '<label for="sbs-rosetta-filter">Filter the dictionary</label>',
        '<input type="search" id="sbs-rosetta-filter" placeholder="reduce_sum, keepdim, conv, epsilon..." autocomplete="off" spellcheck="false">',
        f'<p id="sbs-rosetta-count" aria-live="polite">{len(rows)} of {len(rows)} mappings shown</p>',
        "</div>",
        "",
    ]
    for category in categories:
        lines += _category(category, ctx)
    lines += _contributing()
    return "\n".join(lines)


EXAMPLE = """\
- id: reduce-sum
  tf: "tf.reduce_sum(x, axis=1, keepdims=True)"
  torch: "torch.sum(x, dim=1, keepdim=True)"
  inputs: {x: "randn(3, 4)"}
  notes: "axis/keepdims vs dim/keepdim."
"""


def _contributing() -> list[str]:
    """How to add a row, with the recipe list read from the loader so it cannot drift."""
    recipes = "".join(f"\n- `{name}(...)`: {text}" for name, text in INPUT_FUNCS.items())
    return [
        "## Add a mapping { #add-a-mapping }",
        "",
        "Rows live in `data/rosetta.yml`, grouped by category. A row is two pieces of code and a note;"
        " the value of the last line on each side is compared:",
        "",
        "```yaml",
        *EXAMPLE.splitlines(),
        "```",
        "",
        "Run it with `.venv/bin/python -m pytest tests/test_rosetta.py -k reduce-sum`. A failure names the row's line."
        " Optional keys: `title`, `tol`, `check: shape` (random draws; needs `properties`), `check: pair` with `pair: topic/name` and `see` (whole-model"
        " calls, not run here: the executed pair must make every call of the row and the `see` section must show it), `dtypes: {tf: int32, torch: int64}`"
        " (a dtype difference the row documents), `negative` (the code with a default left unmatched, which must differ),"
        " `trivial` (why a result that is a single bool, a constant or an unchanged input still tests something; without"
        " it such a row is refused), `domain` (where the mapping holds, when the generated inputs break it: per input one"
        f" or more of {', '.join(f'`{tag}`' for tag in DOMAINS)}), and for layers `kind: layer`, `weights` and `call`"
        " (see the layer rows above)."
        " Inputs are NumPy arrays made by these recipes, seeded by the row id:",
        recipes,
        "",
    ]
