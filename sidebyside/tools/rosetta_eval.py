"""Execute one API-dictionary row in both frameworks and compare the results.

Kept apart from ``rosetta`` (which must import with the docs stack only):
this module needs NumPy and receives the two framework modules from the
caller, so importing it never imports TensorFlow or PyTorch by itself.

Every row runs on inputs generated from a generator seeded by the row id,
so a row's inputs do not change when other rows are added or reordered.
"""

from __future__ import annotations

import ast
import dataclasses
import zlib
from typing import Any

import numpy as np

from sidebyside.data.rosetta import OPTIMIZER_STEPS, SCHEDULE_STEPS, InputSpec, Row
from sidebyside.tools.rosetta_cases import Case, generated_cases, recipe_values


class RowFailure(AssertionError):
    """A row raised or its two results differ; the message starts with file:line."""


def make_inputs(row: Row) -> dict[str, Any]:
    """NumPy arrays (or Python scalars) for the row's ``inputs:`` recipes."""
    rng = np.random.default_rng(zlib.crc32(row.id.encode()))
    return {name: recipe_values(rng, spec) if isinstance(spec, InputSpec) else spec for name, spec in row.inputs.items()}


def run_code(code: str, namespace: dict[str, Any]) -> Any:
    """Run ``code`` like a notebook cell: the value of its last expression."""
    tree = ast.parse(code)
    last = tree.body.pop()
    assert isinstance(last, ast.Expr)
    exec(compile(tree, "<rosetta>", "exec"), namespace)  # noqa: S102 - the project's own reviewed data
    return eval(compile(ast.Expression(last.value), "<rosetta>", "eval"), namespace)  # noqa: S307


def gates(weight: np.ndarray, *order: int) -> np.ndarray:
    """Split ``weight`` into ``len(order)`` equal chunks along axis 0 and reorder them.

    Recurrent layers stack their gates in one matrix, in a different order
    per framework (PyTorch GRU: r, z, n; Keras GRU: z, r, h).
    """
    chunks = np.split(weight, len(order), axis=0)
    return np.concatenate([chunks[i] for i in order], axis=0)


def to_arrays(value: Any) -> list[np.ndarray]:
    """Flatten a result (tensor, tuple of tensors, shape, scalar) into NumPy arrays."""
    if hasattr(value, "as_list") and hasattr(value, "rank"):  # tf.TensorShape
        return [np.asarray(value.as_list(), dtype=np.int64)]
    if hasattr(value, "detach"):  # torch.Tensor
        return [value.detach().cpu().resolve_conj().resolve_neg().numpy()]
    if hasattr(value, "numpy"):  # tf.Tensor, tf.Variable
        return [np.asarray(value.numpy())]
    if isinstance(value, list | tuple):
        if all(isinstance(v, bool | int | float) for v in value):
            return [np.asarray(value)]
        return [array for item in value for array in to_arrays(item)]
    return [np.asarray(value)]


def _namespaces(tf: Any, torch: Any, inputs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    tf_ns: dict[str, Any] = {"tf": tf, "np": np}
    torch_ns: dict[str, Any] = {"torch": torch, "F": torch.nn.functional, "np": np}
    for name, value in inputs.items():
        if isinstance(value, np.ndarray):
            tf_ns[name] = tf.constant(value)
            torch_ns[name] = torch.from_numpy(value.copy())
        else:
            tf_ns[name] = torch_ns[name] = value
    return tf_ns, torch_ns


def _fail(row: Row, problem: str) -> RowFailure:
    return RowFailure(f"{row.where}: row '{row.id}': {problem}")


def _guard(row: Row, side: str, func: Any, *args: Any) -> Any:
    try:
        return func(*args)
    except RowFailure:
        raise
    except Exception as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise _fail(row, f"{side} code raised {type(exc).__name__}: {text[:300]}") from exc


def _randomize_constant_params(torch: Any, module: Any, rng: np.random.Generator) -> None:
    """Give constant-initialised tensors (biases at 0, norms at 1, running stats) random values.

    Otherwise a mapping that forgot a bias or swapped gamma and beta would
    still compare equal.
    """
    with torch.no_grad():
        for tensor in [*module.parameters(), *module.buffers()]:
            if tensor.is_floating_point() and tensor.numel() > 1 and bool((tensor == tensor.flatten()[0]).all()):
                tensor.copy_(torch.from_numpy(rng.uniform(0.5, 1.5, tuple(tensor.shape)).astype(np.float32)))


def _run_layer(row: Row, tf: Any, torch: Any, tf_ns: dict[str, Any], torch_ns: dict[str, Any]) -> tuple[Any, Any]:
    call_tf = row.call.get("tf", "layer(x)")
    call_torch = row.call.get("torch", "layer(x)")
    torch_layer = _guard(row, "PyTorch", eval, row.torch, torch_ns)
    _randomize_constant_params(torch, torch_layer, np.random.default_rng(zlib.crc32(row.id.encode()) + 1))
    torch_layer.eval()
    state = {name.replace(".", "_"): t.detach().numpy() for name, t in torch_layer.state_dict().items() if t.is_floating_point()}
    with torch.no_grad():
        torch_out = _guard(row, "PyTorch", eval, call_torch, {**torch_ns, "layer": torch_layer})
    tf_layer = _guard(row, "TensorFlow", eval, row.tf, tf_ns)
    tf_ns = {**tf_ns, "layer": tf_layer}
    _guard(row, "TensorFlow", eval, call_tf, tf_ns)  # builds the variables
    used: set[str] = set()
    for var in tf_layer.weights:
        parts = var.path.split("/")
        keys = [k for k in row.weights if parts[-len(k.split("/")):] == k.split("/")]
        if len(keys) != 1:
            raise _fail(row, f"Keras variable '{var.path}' matches {len(keys)} 'weights' keys; map it exactly once")
        used.add(keys[0])
        value = _guard(row, "weights", eval, row.weights[keys[0]], {"np": np, "gates": gates, **state})
        if tuple(value.shape) != tuple(var.shape):
            raise _fail(row, f"weights[{keys[0]!r}] has shape {tuple(value.shape)}, Keras '{var.path}' needs {tuple(var.shape)}")
        var.assign(value.astype(np.float32))
    if set(row.weights) - used:
        raise _fail(row, f"weights key {sorted(set(row.weights) - used)[0]!r} matches no Keras variable")
    tf_out = _guard(row, "TensorFlow", eval, call_tf, tf_ns)
    return tf_out, torch_out


def _loss_inputs(w0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    target = np.linspace(-1.0, 1.0, w0.size, dtype=np.float32).reshape(w0.shape)
    scale = np.linspace(0.5, 2.0, w0.size, dtype=np.float32).reshape(w0.shape)
    return target, scale


def _run_optimizer(row: Row, tf: Any, torch: Any, inputs: dict[str, Any]) -> tuple[Any, Any]:
    """Same quadratic-plus-sine loss, same start: the trajectories must agree.

    ``loss_scale`` (an input) multiplies the loss: a tiny scale gives tiny
    gradients, where an optimizer's epsilon decides the step.
    """
    w0 = inputs.get("w", np.linspace(-2.0, 2.0, 6, dtype=np.float32))
    k = float(inputs.get("loss_scale", 1.0))
    target, scale = _loss_inputs(w0)
    w_tf = tf.Variable(w0)
    opt_tf = _guard(row, "TensorFlow", eval, row.tf, {"tf": tf, "w": w_tf})
    for _ in range(OPTIMIZER_STEPS):
        with tf.GradientTape() as tape:
            loss = k * tf.reduce_sum(scale * (w_tf - target) ** 2 + 0.1 * tf.sin(3.0 * w_tf))
        _guard(row, "TensorFlow", opt_tf.apply_gradients, [(tape.gradient(loss, w_tf), w_tf)])
    w_pt = torch.nn.Parameter(torch.from_numpy(w0.copy()))
    opt_pt = _guard(row, "PyTorch", eval, row.torch, {"torch": torch, "w": w_pt})
    t, s = torch.from_numpy(target), torch.from_numpy(scale)
    for _ in range(OPTIMIZER_STEPS):
        opt_pt.zero_grad()
        (k * (s * (w_pt - t) ** 2 + 0.1 * torch.sin(3.0 * w_pt)).sum()).backward()
        _guard(row, "PyTorch", opt_pt.step)
    return w_tf, w_pt


def _run_schedule(row: Row, tf: Any, torch: Any) -> tuple[Any, Any]:
    """Learning rate at steps 0..N-1, as float64 on both sides."""
    schedule = _guard(row, "TensorFlow", eval, row.tf, {"tf": tf})
    tf_lrs = [float(_guard(row, "TensorFlow", schedule, step)) for step in range(SCHEDULE_STEPS)]
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    scheduler = _guard(row, "PyTorch", eval, row.torch, {"torch": torch, "opt": opt})
    torch_lrs = []
    for _ in range(SCHEDULE_STEPS):
        torch_lrs.append(float(opt.param_groups[0]["lr"]))
        opt.step()
        _guard(row, "PyTorch", scheduler.step)
    return tf_lrs, torch_lrs


def evaluate(row: Row, tf: Any, torch: Any, inputs: dict[str, Any] | None = None) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Run the row in both frameworks (on ``inputs``, else its recipes); return both results as NumPy arrays."""
    inputs = make_inputs(row) if inputs is None else inputs
    tf_ns, torch_ns = _namespaces(tf, torch, inputs)
    if row.kind == "layer":
        tf_out, torch_out = _run_layer(row, tf, torch, tf_ns, torch_ns)
    elif row.kind == "optimizer":
        tf_out, torch_out = _run_optimizer(row, tf, torch, inputs)
    elif row.kind == "schedule":
        tf_out, torch_out = _run_schedule(row, tf, torch)
    else:
        tf_out = _guard(row, "TensorFlow", run_code, row.tf, tf_ns)
        torch_out = _guard(row, "PyTorch", run_code, row.torch, torch_ns)
    return to_arrays(tf_out), to_arrays(torch_out)


def compare(row: Row, tf_arrays: list[np.ndarray], torch_arrays: list[np.ndarray]) -> None:
    """Shape, dtype and (for ``check: values``) values within the row's tolerance."""
    if len(tf_arrays) != len(torch_arrays):
        raise _fail(row, f"TensorFlow returned {len(tf_arrays)} results, PyTorch {len(torch_arrays)}")
    declared_seen = False
    for i, (a, b) in enumerate(zip(tf_arrays, torch_arrays, strict=True)):
        label = f"result {i}: " if len(tf_arrays) > 1 else ""
        if a.shape != b.shape:
            raise _fail(row, f"{label}shape {a.shape} (TensorFlow) != {b.shape} (PyTorch)")
        if a.dtype != b.dtype:
            if row.dtypes and (a.dtype.name, b.dtype.name) == (row.dtypes["tf"], row.dtypes["torch"]):
                declared_seen = True
            else:
                raise _fail(row, f"{label}dtype {a.dtype.name} (TensorFlow) != {b.dtype.name} (PyTorch); declare it with 'dtypes:' if intended")
        if row.check == "shape":
            continue
        if a.dtype.kind in "biu" and b.dtype.kind in "biu":
            if not np.array_equal(a, b):
                raise _fail(row, f"{label}values differ: TensorFlow {a.ravel()[:6].tolist()} vs PyTorch {b.ravel()[:6].tolist()}")
        elif not np.allclose(a, b, rtol=row.tol.rtol, atol=row.tol.atol, equal_nan=True):
            diff = float(np.nanmax(np.abs(a.astype(np.complex128) - b.astype(np.complex128)))) if a.size else 0.0
            raise _fail(row, f"{label}values differ by up to {diff:.3g}, beyond tolerance '{row.tol.name}'")
    if row.dtypes and not declared_seen:
        raise _fail(row, f"'dtypes: {row.dtypes}' is declared but no result has those dtypes; remove or fix it")


def trivial_result(row: Row, inputs: dict[str, Any], arrays: list[np.ndarray]) -> str | None:
    """Why a result would also pass for a wrong mapping, or None.

    A single bool has a 50% chance, a constant array says nothing about the
    inputs, and an unchanged input passes for any identity function.
    """
    if all(a.size == 1 and a.dtype == bool for a in arrays):
        return "the result is a single bool"
    if all(a.size > 1 and bool(np.all(a == a.ravel()[0])) for a in arrays):
        return "every result is a constant array"
    for a in arrays:
        for name, value in inputs.items():
            if isinstance(value, np.ndarray) and value.shape == a.shape and value.size > 1 \
                    and np.array_equal(value.astype(np.complex128), a.astype(np.complex128)):
                return f"a result is the input '{name}' unchanged"
    return None


def check_properties(row: Row, inputs: dict[str, Any], side: str, arrays: list[np.ndarray]) -> None:
    """Each ``properties`` expression must hold for this side's result ``r`` (``rs``: all results)."""
    for expr in row.properties:
        namespace = {"np": np, "r": arrays[0], "rs": arrays, **inputs}
        ok = _guard(row, f"property check ({side})", eval, expr, namespace)
        if not ok:
            raise _fail(row, f"{side} result fails the property {expr!r}")


def check_negative(row: Row, tf: Any, torch: Any) -> None:
    """The code with the unmatched default must disagree, or the row cannot see the default it documents."""
    if not row.negative:
        return
    variant = dataclasses.replace(row, **row.negative, negative={}, dtypes=None)
    try:
        compare(variant, *evaluate(variant, tf, torch))
    except RowFailure as failure:
        if "raised" not in str(failure):
            return
        raise _fail(row, f"the 'negative' code raised instead of disagreeing: {failure}") from None
    side, code = next(iter(row.negative.items()))
    raise _fail(row, f"with the unmatched default ({side}: {code!r}) the results still agree within tolerance "
                     f"'{row.tol.name}', so the row cannot see the difference it documents; use inputs where it shows")


def seed_frameworks(row: Row, tf: Any, torch: Any) -> None:
    """Random rows draw the same numbers on every run, whatever ran before them."""
    seed = zlib.crc32(row.id.encode()) % 2**31
    tf.random.set_seed(seed)
    torch.manual_seed(seed)


def _show(value: Any) -> str:
    """A short, one-line picture of an input or result for a failure message (flattened, with its shape)."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value.ravel(), threshold=8, edgeitems=3, precision=4, separator=", ", max_line_width=10**6)
        return f"{body} ({value.dtype.name}, shape {value.shape})"
    if isinstance(value, list) and len(value) == 1:
        return _show(value[0])
    if isinstance(value, list):
        return "(" + "; ".join(_show(v) for v in value) + ")"
    return repr(value)


def _said(out: Any) -> str:
    """``raised ValueError: ...`` or ``returned [...]``: one side's outcome on a generated case."""
    return f"raised {type(out).__name__}: {str(out).strip()[:200]}" if isinstance(out, Exception) else f"returned {_show(out)}"


def _first_difference(row: Row, tf_out: list[np.ndarray], torch_out: list[np.ndarray]) -> str:
    """Where two same-shaped results first disagree, so a long input still shows the breaking element."""
    for a, b in zip(tf_out, torch_out, strict=False):
        if a.shape != b.shape or not a.size:
            continue
        a_c, b_c = a.astype(np.complex128), b.astype(np.complex128)
        close = np.isclose(a_c, b_c, rtol=row.tol.rtol, atol=row.tol.atol, equal_nan=True)
        if not close.all():
            at = np.unravel_index(int(np.argmin(close.ravel())), a.shape)
            return f" (first at index {tuple(int(i) for i in at)}: TensorFlow {a[at]}, PyTorch {b[at]})"
    return ""


def _side(row: Row, tf: Any, torch: Any, case: Case, side: str) -> list[np.ndarray] | Exception:
    """One framework's result on a generated case, or the exception it raised."""
    tf_ns, torch_ns = _namespaces(tf, torch, case.inputs)
    try:
        return to_arrays(run_code(row.tf if side == "tf" else row.torch, tf_ns if side == "tf" else torch_ns))
    except Exception as exc:  # a rejected input is a result here: both sides may reject it
        return exc


def _run_case(row: Row, tf: Any, torch: Any, case: Case, where: str) -> tuple[list[np.ndarray] | Exception, list[np.ndarray] | Exception]:
    """Both results on one case; an expression side that raises gives its exception, so a shared rejection can be skipped."""
    seed_frameworks(row, tf, torch)
    if row.kind == "expr":
        return _side(row, tf, torch, case, "tf"), _side(row, tf, torch, case, "torch")
    try:  # layer and optimizer rows interleave the sides; any error there is a failure
        return evaluate(row, tf, torch, case.inputs)
    except RowFailure as failure:
        raise _fail(row, f"{where}: {str(failure).split(f'row {row.id!r}: ', 1)[-1]}") from None


def check_generated(row: Row, tf: Any, torch: Any) -> int:
    """The row must agree on every generated case inside its ``domain:``; returns how many cases ran.

    A case both sides reject lies outside the row and is skipped, but at
    least one case must run, or the row would be proven on nothing.
    """
    cases = generated_cases(row)
    ran = 0
    for case in cases:
        shown = ", ".join(f"{name} = {_show(value)}" for name, value in case.inputs.items())
        where = f"on a generated input ({case.label}: {shown})"
        tf_out, torch_out = _run_case(row, tf, torch, case, where)
        if isinstance(tf_out, Exception) and isinstance(torch_out, Exception):
            continue
        fix = "fix the mapping, or declare where it holds with 'domain:' (e.g. domain: {x: non-negative})"
        if isinstance(tf_out, Exception) or isinstance(torch_out, Exception):
            raise _fail(row, f"{where}, TensorFlow {_said(tf_out)} but PyTorch {_said(torch_out)}; {fix}")
        try:
            compare(row, tf_out, torch_out)
        except RowFailure as failure:
            problem = str(failure).split(f"row '{row.id}': ", 1)[1]
            problem += _first_difference(row, tf_out, torch_out)
            raise _fail(row, f"{where}: {problem}; TensorFlow gave {_show(tf_out)}, PyTorch gave {_show(torch_out)}; {fix}") from None
        ran += 1
    if cases and not ran:
        raise _fail(row, "both frameworks rejected every generated input, so nothing beyond the written inputs is proven; "
                         "narrow the inputs with 'domain:' so that some run")
    return ran


def verify(row: Row, tf: Any, torch: Any) -> None:
    """Everything the suite checks for one row: agreement, that the check can fail, properties, negative."""
    seed_frameworks(row, tf, torch)
    inputs = make_inputs(row)
    tf_arrays, torch_arrays = evaluate(row, tf, torch)
    compare(row, tf_arrays, torch_arrays)
    if row.check == "values" and not row.trivial:
        problem = trivial_result(row, inputs, torch_arrays)
        if problem:
            raise _fail(row, f"{problem}, so a wrong mapping would pass too; use inputs that exercise the behaviour "
                             "or say why it still tests something with 'trivial:'")
    check_properties(row, inputs, "TensorFlow", tf_arrays)
    check_properties(row, inputs, "PyTorch", torch_arrays)
    check_negative(row, tf, torch)
    check_generated(row, tf, torch)
