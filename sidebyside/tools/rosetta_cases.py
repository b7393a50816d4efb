"""Adversarial inputs for API-dictionary rows, derived from each row's input recipes.

An author picks inputs that show the mapping working; a wrong mapping can
hide behind them (``fmod`` passes for ``floormod`` on positive numbers,
``std`` with N-1 passes for N on 800,000 elements). So every value-checked
row also runs on inputs generated here, matched to the kind each recipe
declares (real, integer, boolean, probabilities, SPD matrix):

* values: signed values with ties at .5, zeros mixed in, all negative;
* sizes: each axis cut to 2 (so N and N-1 differ), a single element, an
  empty first axis, a longer first axis, and one input broadcast against the
  others.

The generator is deterministic (seeded by the row id), so CI sees the same
cases on every run. A row's ``domain:`` keeps an input inside the part of
this space where the mapping holds. A case both frameworks reject (raise
on) lies outside the row and is skipped; a case only one side rejects is a
difference like any other.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from sidebyside.data.rosetta import InputSpec, Row, generates

REAL = {"randn", "rand", "positive", "halves"}
INTEGER = {"randint", "arange"}

SIGNED_REALS = np.array([-3.5, -2.5, -1.5, -1.0, -0.75, -0.5, -0.25, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 3.5])
"""Dyadic values: exact in float32, so reordered sums agree exactly; .5 ties for rounding rules."""
SIGNED_INTS = np.array([-7, -5, -3, -2, -1, 1, 2, 3, 5, 7])

LARGE_ELEMENTS = 2_000_000
"""A longer first axis is tried only while the input stays below this many elements."""


@dataclass(frozen=True)
class Case:
    """One generated input set; ``label`` says which adversarial class it belongs to."""

    label: str
    inputs: dict[str, Any]


def as_input(values: np.ndarray, spec: InputSpec) -> np.ndarray:
    """The recipe's dtype (``dtype=`` or its default: int64 for integers, bool for masks, else float32), contiguous."""
    default = {"randint": "int64", "arange": "int64", "mask": "bool"}.get(spec.func, "float32")
    return np.ascontiguousarray(values.astype(spec.dtype or default))


def recipe_values(rng: np.random.Generator, spec: InputSpec) -> np.ndarray:
    """The values a recipe draws, as written in the row."""
    args = spec.args
    if spec.func == "randn":
        out = rng.standard_normal(args)
    elif spec.func == "rand":
        out = rng.random(args)
    elif spec.func == "positive":
        out = rng.uniform(0.5, 2.0, args)
    elif spec.func == "randint":
        out = rng.integers(args[0], args[1], args[2:], dtype=np.int64)
    elif spec.func == "mask":
        out = rng.random(args) < 0.5
    elif spec.func == "arange":
        out = np.arange(int(np.prod(args))).reshape(args)
    elif spec.func == "spd":
        a = rng.standard_normal((args[0], args[0]))
        out = a @ a.T + args[0] * np.eye(args[0])
    elif spec.func == "probs":
        e = np.exp(rng.standard_normal(args))
        out = e / e.sum(axis=-1, keepdims=True)
    elif spec.func == "halves":
        out = rng.integers(-8, 9, args) / 2.0
    else:  # the loader rejects unknown recipes; this guards the two lists drifting apart
        raise ValueError(f"unknown recipe {spec.func}")
    return as_input(out, spec)


def _pattern(rng: np.random.Generator, spec: InputSpec, shape: tuple[int, ...], pattern: str) -> np.ndarray:
    """Values of one adversarial class for one input, before its domain is applied."""
    if spec.func == "spd":
        n = shape[0]
        a = rng.standard_normal((n, n))
        return a @ a.T + n * np.eye(n)
    if spec.func == "probs":
        if pattern == "signed":
            e = np.exp(rng.standard_normal(shape))
            return e / e.sum(axis=-1, keepdims=True)
        if pattern == "zeros":  # one-hot rows: exact zeros
            return np.eye(shape[-1])[rng.integers(0, shape[-1], shape[:-1])] if shape[-1] else np.zeros(shape)
        return np.full(shape, 1.0 / shape[-1]) if shape[-1] else np.zeros(shape)  # ties
    if spec.func == "mask":
        return {"signed": rng.random(shape) < 0.5, "zeros": np.zeros(shape, bool), "negative": np.ones(shape, bool)}[pattern]
    pool = SIGNED_REALS if spec.func in REAL else SIGNED_INTS
    values = rng.choice(pool, shape)
    if pattern == "zeros":
        values = np.where(rng.random(shape) < 0.5, 0, values)
    elif pattern == "negative":
        values = -np.abs(values)
    return values


TIE_SHIFT = 1.0137
"""``off-ties`` scales values by this non-dyadic factor, so none sits on a .5 tie of any simple grid."""


def _domain(values: np.ndarray, spec: InputSpec, tags: tuple[str, ...]) -> np.ndarray:
    """Fold generated values into the row's declared domain for that input."""
    if values.dtype == bool:
        return values
    if "distinct" in tags and values.size:  # same signs and zeros where possible, no value twice
        order = np.argsort(np.argsort(values, axis=None, kind="stable"))
        values = ((order - values.size // 2) * 0.5).reshape(values.shape)
    if "non-negative" in tags or "positive" in tags:
        values = np.abs(values)
    if "positive" in tags or "nonzero" in tags:
        values = np.where(values == 0, 1, values)
    if "off-ties" in tags:
        values = values * TIE_SHIFT
    if spec.func == "probs" and values.size:  # still a distribution per row
        values = values / values.sum(axis=-1, keepdims=True)
    return values


def _array(rng: np.random.Generator, spec: InputSpec, shape: tuple[int, ...], pattern: str, tags: tuple[str, ...]) -> np.ndarray:
    if "recipe" in tags:
        values = recipe_values(rng, InputSpec(spec.name, spec.func, _recipe_args(spec, shape), spec.dtype, spec.recipe))
    else:
        values = _domain(_pattern(rng, spec, shape, pattern), spec, tags)
    return as_input(values, spec)


def recipe_shape(spec: InputSpec) -> tuple[int, ...]:
    """The shape a recipe draws (``randint(low, high, *shape)``, ``spd(n)``)."""
    if spec.func == "randint":
        return spec.args[2:]
    if spec.func == "spd":
        return (spec.args[0], spec.args[0])
    return spec.args


def _recipe_args(spec: InputSpec, shape: tuple[int, ...]) -> tuple[int, ...]:
    if spec.func == "randint":
        return (*spec.args[:2], *shape)
    if spec.func == "spd":
        return shape[:1]
    return shape


def _shapes(row: Row, arrays: dict[str, InputSpec]) -> list[tuple[str, dict[str, tuple[int, ...]]]]:
    """Size variants: (label, shape per input); ``fixed-shape`` inputs keep theirs, ``same-shape`` ones are never broadcast."""
    written = {name: recipe_shape(spec) for name, spec in arrays.items()}
    free = [name for name in arrays if "fixed-shape" not in row.domain.get(name, ())]
    can_empty = [name for name in free if "non-empty" not in row.domain.get(name, ())]

    def vary(change: Any, names: list[str] = free) -> dict[str, tuple[int, ...]]:
        out = dict(written)
        for name in names:
            shape = written[name]
            out[name] = tuple(change(shape)) if shape else shape
        for name in names:  # an SPD matrix stays square
            if arrays[name].func == "spd" and out[name]:
                out[name] = (out[name][0], out[name][0])
        return out

    variants = [
        ("each axis cut to 2", vary(lambda s: [min(d, 2) for d in s])),
        ("a single element", vary(lambda s: [1] * len(s))),
        ("an empty first axis", vary(lambda s: [0, *s[1:]], can_empty)),
    ]
    if all(int(np.prod(s)) * 8 <= LARGE_ELEMENTS for s in written.values()):
        variants.append(("a first axis 8 times longer", vary(lambda s: [s[0] * 8, *s[1:]])))
    alike = [name for name in free if written[name] and written[name] == written[free[0]]] if free else []
    same = [name for name in alike if "same-shape" not in row.domain.get(name, ())]
    if len(alike) >= 2 and same:
        variants.append((f"'{same[0]}' broadcast along the first axis", vary(lambda s: [1, *s[1:]], same[:1])))
    return [(label, shapes) for label, shapes in variants if shapes != written]


def generated_cases(row: Row) -> list[Case]:
    """Every adversarial case for the row; empty when it has no array input or is not an ``expr``/``layer``/``optimizer`` row."""
    if not generates(row):
        return []
    arrays = {name: spec for name, spec in row.inputs.items() if isinstance(spec, InputSpec)}
    rng = np.random.default_rng(zlib.crc32(row.id.encode()) + 7)
    scalars = {name: value for name, value in row.inputs.items() if name not in arrays}
    written = {name: recipe_shape(spec) for name, spec in arrays.items()}

    def case(label: str, shapes: dict[str, tuple[int, ...]], pattern: str) -> Case:
        made = {name: _array(rng, spec, shapes[name], pattern, row.domain.get(name, ())) for name, spec in arrays.items()}
        return Case(label, {**scalars, **made})

    cases = [
        case("signed values with ties at .5", written, "signed"),
        case("zeros mixed in", written, "zeros"),
        case("all negative", written, "negative"),
    ]
    if row.kind == "expr":  # layers and optimizers fix their shapes when built
        cases += [case(label, shapes, "signed") for label, shapes in _shapes(row, arrays)]
    return cases
