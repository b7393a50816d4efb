"""Load and validate ``data/rosetta.yml``, the TensorFlow <-> PyTorch API dictionary.

The dictionary is data because the same rows feed two consumers: the
``api-dictionary`` page (built with the docs stack only, no framework) and
``tests/test_rosetta.py`` (which executes every row in both frameworks).
So everything that can be checked without a framework is checked here, at
build time, with ``file:line`` errors: keys, ids, tolerances, Python syntax
of each expression and the input recipe language.

File shape::

    categories:
      - id: math
        title: Math and reductions
        rows:
          - id: reduce-sum
            tf: "tf.reduce_sum(x, axis=1, keepdims=True)"
            torch: "torch.sum(x, dim=1, keepdim=True)"
            inputs: {x: "randn(3, 4)"}
            notes: "axis/keepdims vs dim/keepdim."

Row kinds (``kind:``, default ``expr``):

* ``expr``: ``tf`` and ``torch`` are code; the value of the last expression
  is the result. Multi-line code runs like a notebook cell.
* ``layer``: ``tf`` and ``torch`` construct a layer; ``weights`` maps each
  Keras variable (by path suffix) to a NumPy expression over the PyTorch
  ``state_dict`` names; ``call`` says how each side is applied.
* ``optimizer``: ``tf`` / ``torch`` construct an optimizer for the variable
  ``w``; both take the same steps on the same loss, final ``w`` is compared.
* ``schedule``: ``tf`` builds a Keras schedule, ``torch`` a scheduler on
  ``opt``; the learning rates of the first steps are compared.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside import ROOT
from sidebyside.data import fields, loader
from sidebyside.data.fields import PageLink, PairRef
from sidebyside.data.rosetta_evidence import check_pair_evidence
from sidebyside.data.yamlsrc import LocatedDict
from sidebyside.errors import SiteError, display_path

ROSETTA = ROOT / "data" / "rosetta.yml"

KINDS = {"expr", "layer", "optimizer", "schedule"}
CHECKS = {"values", "shape", "pair"}
"""``values``: shape, dtype and values; ``shape``: shape and dtype only (random draws); ``pair``: not run
here, proven by the executed pair named in ``pair:`` (whole-model calls, see ``rosetta_evidence``)."""
PAIR_FORBIDS = ("kind", "inputs", "tol", "dtypes", "weights", "call", "trivial", "negative", "properties", "domain")
"""Keys that describe running the row here, so a ``check: pair`` row may not have them."""

TOLERANCES: dict[str, tuple[float, float]] = {
    "exact": (0.0, 0.0),
    "float32": (1e-5, 1e-6),
    "loose": (1e-4, 1e-5),
    "approx": (1e-3, 1e-4),
}
"""Named (rtol, atol) pairs. ``float32`` is the default: one or two ulps of
reordered float32 arithmetic. ``loose``/``approx`` are for kernels that sum
in a different order (convolutions, FFT, linear algebra, recurrent layers)."""

DEFAULT_TOL = "float32"

OPTIMIZER_STEPS = 5
SCHEDULE_STEPS = 10
"""Steps compared by optimizer and schedule rows (here, not in rosetta_eval, so the page can say so without NumPy)."""

INPUT_FUNCS: dict[str, str] = {
    "randn": "standard normal floats, shape from the arguments",
    "rand": "uniform floats in [0, 1)",
    "positive": "uniform floats in [0.5, 2)",
    "randint": "integers: randint(low, high, *shape)",
    "mask": "random booleans",
    "arange": "0, 1, 2, ... reshaped: arange(*shape)",
    "spd": "a symmetric positive definite n x n matrix: spd(n)",
    "probs": "rows of probabilities summing to 1 along the last axis",
    "halves": "multiples of 0.5 in [-4, 4]: ties for rounding",
}
"""The input recipe language: ``name(ints..., dtype=float64)``."""

INPUT_DTYPES = {"float16", "float32", "float64", "int32", "int64", "bool", "uint8"}
DTYPE_NAMES = INPUT_DTYPES | {"int8", "int16", "complex64", "complex128", "bfloat16"}

CATEGORY_KEYS = {"id", "title", "rows"}
CATEGORY_OPTIONAL = {"intro"}
ROW_REQUIRED = {"id", "tf", "torch", "notes"}
ROW_OPTIONAL = {"title", "kind", "inputs", "tol", "check", "dtypes", "weights", "call", "see", "trivial", "negative", "properties", "domain", "pair"}
"""``trivial``: why a result that is a single bool, a constant or an unchanged input still tests the mapping.
``negative``: the code with the unmatched default (``{tf: ...}`` or ``{torch: ...}``); it must disagree beyond the tolerance.
``properties``: expressions over a result ``r`` (and the inputs) that must hold on both sides; required for ``check: shape``.
``domain``: input name -> tags (see ``DOMAINS``) where the mapping holds; the generated inputs stay inside it."""

DOMAINS: dict[str, str] = {
    "non-negative": "{name} ≥ 0",
    "positive": "{name} > 0",
    "nonzero": "{name} ≠ 0",
    "recipe": "{name} as {recipe} draws it (other shapes tried)",
    "distinct": "{name} without repeated values",
    "off-ties": "{name} off rounding ties",
    "non-empty": "{name} not empty",
    "fixed-shape": "{name} only in the shape shown",
    "same-shape": "{name} in the other inputs' shape (no broadcasting)",
}
SHAPE_TAGS = {"non-empty", "fixed-shape", "same-shape"}
"""Domain tags a row may declare per input, with how the page states each.

Value-checked rows also run on generated inputs (negatives, zeros, ties at
.5, other sizes, broadcasting, empty tensors). A row that is only true on
part of that space says so here, and the page shows it beside the row."""


@dataclass(frozen=True)
class Tolerance:
    """How close two float results must be; ``name`` is shown to readers."""

    name: str
    rtol: float
    atol: float


@dataclass(frozen=True)
class InputSpec:
    """One generated input: recipe function, integer arguments, dtype."""

    name: str
    func: str
    args: tuple[int, ...]
    dtype: str | None
    recipe: str


@dataclass
class Row:
    """One mapping, with its location so a failing test names the line."""

    id: str
    category: str
    tf: str
    torch: str
    notes: str
    title: str
    kind: str
    inputs: dict[str, InputSpec | int | float | bool]
    tol: Tolerance
    check: str
    dtypes: dict[str, str] | None
    weights: dict[str, str]
    call: dict[str, str]
    see: PageLink | str
    """Optional ``page.md#anchor`` (docs-relative) with the longer story; linked through ctx.link."""
    trivial: str
    negative: dict[str, str]
    properties: tuple[str, ...]
    domain: dict[str, tuple[str, ...]]
    pair: PairRef | None
    path: Path
    line: int

    @property
    def where(self) -> str:
        """``data/rosetta.yml:LINE`` for messages."""
        return f"{display_path(self.path)}:{self.line}"


@dataclass
class Category:
    """A group of rows; one section of the page."""

    id: str
    title: str
    intro: str
    rows: list[Row] = field(default_factory=list)


def _check_code(path: Path, item: LocatedDict, key: str, what: str, kind: str, check: str = "values") -> str:
    """Code must parse; its value is the last expression, so it must end with one (unless a pair proves it)."""
    code = fields.text(item, key, what, fold=False)
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise SiteError(path, item.line_of(key), f"{what}: '{key}' is not valid Python ({exc.msg})", "fix the code") from None
    if check != "pair" and not isinstance(tree.body[-1], ast.Expr):
        raise SiteError(path, item.line_of(key), f"{what}: '{key}' must end with an expression (its value is compared)", "end with the result")
    if kind != "expr" and len(tree.body) != 1:
        raise SiteError(path, item.line_of(key), f"{what}: '{key}' of a {kind} row must be one expression", "construct the object in one call")
    return code


def _tolerance(path: Path, row: LocatedDict, what: str) -> Tolerance:
    value = row.get("tol", DEFAULT_TOL)
    line = row.line_of("tol")
    names = ", ".join(TOLERANCES)
    if isinstance(value, str):
        if value not in TOLERANCES:
            raise SiteError(path, line, f"{what} has unknown tolerance '{value}'", f"use one of {names} or {{rtol: .., atol: ..}}")
        return Tolerance(value, *TOLERANCES[value])
    if isinstance(value, dict) and set(value) == {"rtol", "atol"}:
        rtol, atol = value["rtol"], value["atol"]
        ok = all(isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v < 1 for v in (rtol, atol))
        if ok:
            return Tolerance(f"rtol={rtol:g}, atol={atol:g}", float(rtol), float(atol))
    raise SiteError(path, line, f"{what} has a bad tolerance {value!r}", f"use one of {names} or {{rtol: .., atol: ..}} with numbers in [0, 1)")


def parse_recipe(path: Path, line: int, name: str, recipe: object, what: str) -> InputSpec | int | float | bool:
    """Parse one input recipe (``"randn(3, 4)"``); plain YAML numbers pass through as Python scalars."""
    if isinstance(recipe, bool | int | float):
        return recipe
    funcs = ", ".join(INPUT_FUNCS)
    fix = f"write e.g. {name}: \"randn(3, 4)\"; functions: {funcs}"
    if not isinstance(recipe, str):
        raise SiteError(path, line, f"{what}: input '{name}' must be a recipe string or a number", fix)
    try:
        node = ast.parse(recipe, mode="eval").body
    except SyntaxError:
        raise SiteError(path, line, f"{what}: input '{name}' recipe {recipe!r} is not a call", fix) from None
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        raise SiteError(path, line, f"{what}: input '{name}' recipe {recipe!r} is not a call", fix)
    if node.func.id not in INPUT_FUNCS:
        raise SiteError(path, line, f"{what}: input '{name}' uses unknown recipe '{node.func.id}'", fix)
    args: list[int] = []
    for arg in node.args:
        value = arg.operand.value if isinstance(arg, ast.UnaryOp) and isinstance(arg.op, ast.USub) else getattr(arg, "value", None)
        if not isinstance(arg, ast.Constant | ast.UnaryOp) or not isinstance(value, int) or isinstance(value, bool):
            raise SiteError(path, line, f"{what}: input '{name}' recipe arguments must be integers", fix)
        args.append(-value if isinstance(arg, ast.UnaryOp) else value)
    dtype = None
    for kw in node.keywords:
        if kw.arg != "dtype" or not isinstance(kw.value, ast.Name) or kw.value.id not in INPUT_DTYPES:
            dtypes = ", ".join(sorted(INPUT_DTYPES))
            raise SiteError(path, line, f"{what}: input '{name}' has a bad keyword", f"only dtype=<{dtypes}> is allowed")
        dtype = kw.value.id
    return InputSpec(name, node.func.id, tuple(args), dtype, recipe)


def _inputs(path: Path, row: LocatedDict, what: str) -> dict[str, InputSpec | int | float | bool]:
    raw = row.get("inputs", {})
    if not isinstance(raw, dict):
        raise SiteError(path, row.line_of("inputs"), f"{what}: 'inputs' must be a mapping", "write inputs: {x: \"randn(3, 4)\"}")
    out: dict[str, InputSpec | int | float | bool] = {}
    for name, recipe in raw.items():
        line = raw.line_of(name) if isinstance(raw, LocatedDict) else row.line_of("inputs")
        if not isinstance(name, str) or not name.isidentifier():
            raise SiteError(path, line, f"{what}: input name {name!r} is not a Python identifier", "use names like x, y, idx")
        out[name] = parse_recipe(path, line, name, recipe, what)
    return out


def _str_map(path: Path, row: LocatedDict, key: str, allowed: set[str] | None, what: str) -> dict[str, str]:
    raw = row.get(key, {})
    line = row.line_of(key)
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise SiteError(path, line, f"{what}: '{key}' must map names to strings", f"see the docstring of {__name__}")
    if allowed is not None and set(raw) - allowed:
        bad = sorted(set(raw) - allowed)[0]
        raise SiteError(path, line, f"{what}: '{key}' has unknown key '{bad}'", f"allowed: {', '.join(sorted(allowed))}")
    return dict(raw)


def _row(path: Path, raw: LocatedDict, what: str, category: str, seen: dict[str, int]) -> Row:
    row_id = fields.slug(raw, "id", "row", seen)
    kind = fields.one_of(raw, "kind", sorted(KINDS), what, default="expr")
    check = fields.one_of(raw, "check", sorted(CHECKS), what, default="values")
    dtypes = None
    if "dtypes" in raw:
        dtypes = _str_map(path, raw, "dtypes", {"tf", "torch"}, what)
        if set(dtypes) != {"tf", "torch"} or not set(dtypes.values()) <= DTYPE_NAMES:
            raise SiteError(path, raw.line_of("dtypes"), f"{what}: 'dtypes' needs tf and torch dtype names", "e.g. dtypes: {tf: int32, torch: int64}")
        if dtypes["tf"] == dtypes["torch"]:
            raise SiteError(path, raw.line_of("dtypes"), f"{what}: 'dtypes' are equal", "remove 'dtypes:'; equal dtypes are checked by default")
    weights = _str_map(path, raw, "weights", None, what)
    call = _str_map(path, raw, "call", {"tf", "torch"}, what)
    if kind == "layer" and "weights" not in raw:
        raise SiteError(path, raw.line, f"{what} is a layer without 'weights'", "map each Keras variable to a PyTorch state_dict expression")
    if kind != "layer" and ("weights" in raw or "call" in raw):
        raise SiteError(path, raw.line_of("weights" if "weights" in raw else "call"), f"{what}: 'weights'/'call' need kind: layer", "add kind: layer")
    for key, code in [*weights.items(), *call.items()]:
        try:
            ast.parse(code, mode="eval")
        except SyntaxError as exc:
            where = raw.line_of("weights" if key in weights else "call")
            raise SiteError(path, where, f"{what}: {key!r} is not a Python expression ({exc.msg})", "fix it") from None
    tf_code = _check_code(path, raw, "tf", what, kind, check)
    torch_code = _check_code(path, raw, "torch", what, kind, check)
    pair = _pair(path, raw, what, check, {"tf": tf_code, "torch": torch_code})
    title = fields.text(raw, "title", what, default=None) or default_title(tf_code, torch_code)
    return Row(
        id=row_id,
        category=category,
        tf=tf_code,
        torch=torch_code,
        notes=fields.text(raw, "notes", what),
        title=title,
        kind=kind,
        inputs=_inputs(path, raw, what),
        tol=_tolerance(path, raw, what),
        check=check,
        dtypes=dtypes,
        weights=weights,
        call=call,
        see=fields.page_link(raw, "see", what) if "see" in raw else "",
        trivial=fields.text(raw, "trivial", what, default=""),
        negative=_negative(path, raw, what, kind),
        properties=_properties(path, raw, what, check),
        domain=_domain(path, raw, what),
        pair=pair,
        path=path,
        line=raw.line,
    )


def _pair(path: Path, raw: LocatedDict, what: str, check: str, code: dict[str, str]) -> PairRef | None:
    """``check: pair`` rows name their pair and the page showing it, and nothing about running here."""
    if check != "pair":
        if "pair" in raw:
            raise SiteError(path, raw.line_of("pair"), f"{what}: 'pair' needs check: pair", "add check: pair, or remove 'pair:'")
        return None
    for key in ("pair", "see"):
        if key not in raw:
            raise SiteError(path, raw.line_of("check"), f"{what} has check: pair but no '{key}'",
                            "name the executed pair (pair: topic/name) and the section showing it (see: page.md#anchor)")
    for key in PAIR_FORBIDS:
        if key in raw:
            raise SiteError(path, raw.line_of(key), f"{what}: '{key}' describes running the row, but a check: pair row is not run",
                            f"remove '{key}:'; the pair is the evidence")
    ref = fields.pair_ref(raw, "pair", what)
    check_pair_evidence(path, ref.line, what, str(ref), str(fields.page_link(raw, "see", what)), code)
    return ref


def _negative(path: Path, row: LocatedDict, what: str, kind: str) -> dict[str, str]:
    if "negative" not in row:
        return {}
    negative = _str_map(path, row, "negative", {"tf", "torch"}, what)
    if len(negative) != 1:
        raise SiteError(path, row.line_of("negative"), f"{what}: 'negative' replaces exactly one side",
                        "write negative: {torch: \"<the call with the default left unmatched>\"}")
    for code in negative.values():
        try:
            ast.parse(code, mode="exec")
        except SyntaxError as exc:
            raise SiteError(path, row.line_of("negative"), f"{what}: 'negative' is not valid Python ({exc.msg})", "fix it") from None
    return negative


def _domain(path: Path, row: LocatedDict, what: str) -> dict[str, tuple[str, ...]]:
    """``domain: {x: non-negative}`` or ``{x: [non-negative, fixed-shape]}``; names must be array inputs."""
    if "domain" not in row:
        return {}
    raw = row["domain"]
    line = row.line_of("domain")
    tags = ", ".join(DOMAINS)
    fix = f"write domain: {{x: non-negative}} or {{x: [positive, fixed-shape]}}; tags: {tags}"
    if not isinstance(raw, dict) or not raw:
        raise SiteError(path, line, f"{what}: 'domain' must map input names to tags", fix)
    inputs = row.get("inputs", {})
    out: dict[str, tuple[str, ...]] = {}
    for name, value in raw.items():
        if not isinstance(inputs, dict) or not isinstance(inputs.get(name), str):
            raise SiteError(path, line, f"{what}: 'domain' names '{name}', which is not an array input of the row", fix)
        listed = [value] if isinstance(value, str) else value
        if not isinstance(listed, list) or not listed or not all(isinstance(t, str) and t in DOMAINS for t in listed):
            raise SiteError(path, line, f"{what}: 'domain' of '{name}' has an unknown tag {value!r}", fix)
        values = [t for t in listed if t not in SHAPE_TAGS]
        if len(values) > 1:
            raise SiteError(path, line, f"{what}: 'domain' of '{name}' has {len(values)} value tags", f"keep one of {', '.join(values)}")
        out[name] = tuple(listed)
    return out


def generates(row: Row) -> bool:
    """Whether the row also runs on generated inputs: value-checked, with an array input, not a schedule."""
    return row.check == "values" and row.kind != "schedule" and any(isinstance(s, InputSpec) for s in row.inputs.values())


def domain_text(row: Row) -> str:
    """``x ≥ 0; idx as its recipe draws it``: the row's domain in words, for the page and for messages."""
    def recipe(name: str) -> str:
        spec = row.inputs[name]
        return spec.recipe if isinstance(spec, InputSpec) else repr(spec)

    return "; ".join(", ".join(DOMAINS[tag].format(name=name, recipe=recipe(name)) for tag in tags) for name, tags in row.domain.items())


def _properties(path: Path, row: LocatedDict, what: str, check: str) -> tuple[str, ...]:
    raw = fields.strings(row, "properties", f"{what}: 'properties' must be a list of expressions",
                         "write properties: [\"np.array_equal(np.sort(r), np.arange(10))\"]", nonblank=True)
    for expr in raw:
        try:
            ast.parse(expr, mode="eval")
        except SyntaxError as exc:
            raise SiteError(path, row.line_of("properties"), f"{what}: property {expr!r} is not a Python expression ({exc.msg})",
                            "fix it") from None
    if check == "shape" and not raw:
        raise SiteError(path, row.line_of("check"), f"{what} checks only shapes and has no 'properties'",
                        "add properties a right answer has and a wrong one lacks (a permutation is a permutation, "
                        "moments within bounds)")
    return tuple(p.strip() for p in raw)


_CALL_RE = re.compile(r"\b((?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*)\s*\(")
_FRAMEWORK_PREFIXES = ("tf.", "torch.", "F.", "np.")


def _first_api(code: str) -> str:
    """The first dotted call in ``code``; ``x.view(...)`` becomes ``Tensor.view``."""
    for match in _CALL_RE.finditer(code):
        name = match.group(1)
        if name.startswith(_FRAMEWORK_PREFIXES) and not name.startswith("np."):
            return name
        head, _, method = name.partition(".")
        if head.islower() and "." not in method and not name.startswith("np."):
            return f"Tensor.{method}"
    return code.splitlines()[0]


def default_title(tf_code: str, torch_code: str) -> str:
    """``tf.reduce_sum · torch.sum``: the first framework API called on each side."""
    return f"{_first_api(tf_code)} · {_first_api(torch_code)}"


@loader("rosetta.yml")
def load_rosetta(path: Path = ROSETTA) -> list[Category]:
    """Parse and validate the whole file; the first problem raises SiteError."""
    data = fields.document(path, {"categories"})
    categories: list[Category] = []
    seen: dict[str, int] = {}  # category and row ids share the page's anchors
    for raw_cat, what in fields.records(data, "categories", "rosetta.yml", "category", CATEGORY_KEYS, CATEGORY_OPTIONAL):
        cat_id = fields.slug(raw_cat, "id", "category", seen)
        category = Category(cat_id, fields.text(raw_cat, "title", what), fields.text(raw_cat, "intro", what, default=""))
        for raw_row, row_what in fields.records(raw_cat, "rows", what, "row", ROW_REQUIRED, ROW_OPTIONAL):
            category.rows.append(_row(path, raw_row, row_what, cat_id, seen))
        categories.append(category)
    return categories


def all_rows(categories: list[Category]) -> list[Row]:
    """Flatten categories to rows in file order."""
    return [row for category in categories for row in category.rows]
