"""Copy trained weights between a Keras 3 model and a PyTorch module, layer by layer.

Copy this file into your project. It needs only NumPy and PyTorch, reads Keras
layers through their public ``get_weights``/``set_weights``, and so works with
any Keras backend.

Use::

    keras_to_torch(keras_model, torch_module)   # fills torch_module in place, returns it
    torch_to_keras(torch_module, keras_model)   # fills keras_model in place, returns it

**Paths.** Layers are paired by path, read the same way in both frameworks:

- PyTorch: the module path of ``named_modules()``, attribute names joined by
  dots (``block_1.attention.query``; ``nn.Sequential``/``nn.ModuleList`` items
  by index, ``block.0``).
- Keras: at the top of a functional or Sequential model, the layer's ``name``;
  inside a layer or a subclassed model, the public attribute that holds each
  sublayer (list items by index, dict items by key), joined by slashes
  (``block_1/attention/query``). A nested functional or Sequential model
  names its layers by ``name`` again.
- The two are compared with ``/``, ``.`` and ``_`` read alike, so
  ``block_1/attention/query`` (nested Keras layers), ``block_1_attention_query``
  (one flat functional layer name) and ``block_1.attention.query`` all pair.

The walk stops at any layer or module whose class has a rule (below); every
other one is descended into. Only layers and modules that hold weights count.
A weight a container holds itself (a Keras ``add_weight`` in a custom layer or
model, an ``nn.Parameter`` or buffer on a PyTorch module that also has
submodules: a class token, a position embedding) pairs by its container's path
plus its own name (``encoder/pos_embedding`` <-> ``encoder.pos_embedding``)
and is copied as it is.
Keras numbers automatic names per process (``dense``, then ``dense_5`` once
other models were built), so give top-level layers explicit names, or call
``keras.backend.clear_session()`` before building the model.

**Rules.** ``RULES`` maps (Keras class name, PyTorch class name) to a ``Rule``:
how to rearrange one layer's arrays (Dense kernels transposed, conv kernels
HWIO <-> OIHW, GRU gates reordered, two LSTM biases summed, ...). Add a rule
for your own layer types at run time::

    register("ScaledDense", "ScaledLinear",
             to_torch=lambda arrays, layer, module: {"weight": arrays[0].T, "scale": arrays[1]},
             to_keras=lambda state, layer, module: [state["weight"].T, state["scale"]],
             check=None)  # optional: check(layer, module) raises ValueError to refuse a pair

``to_torch`` returns the module's ``state_dict`` entries; ``to_keras`` returns
arrays in ``layer.get_weights()`` order. Classes may be given as classes or
names.

**Twins.** Some Keras layers have no built-in PyTorch equivalent; this file
provides modules with the same maths: ``KerasMultiHeadAttention`` (any
``key_dim``/``value_dim``/``output_shape``; ``nn.MultiheadAttention`` cannot
represent ``num_heads * key_dim != embed_dim`` nor ``value_dim != key_dim``),
``SeparableConv2d`` (``SeparableConv2D``) and ``SamePad2d`` (TensorFlow's
``padding="same"`` for any input size; ``value=-inf`` before max pooling,
since zeros change the maximum of negative inputs). ``same_padding`` gives the
amounts. In the other direction, PyTorch's symmetric ``padding=p`` is
``ZeroPadding2D(p)`` followed by ``padding="valid"`` in Keras: ``"same"``
differs at stride 2.

Anything it cannot map stops with a ``PortError`` (a ``ValueError``) naming
the layer and the cause, instead of copying weights that run and give wrong
answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

Arrays = list[np.ndarray]
State = dict[str, np.ndarray]


class PortError(ValueError):
    """A pair of layers the helper refuses to copy; the message names the layer and the cause."""


class Rule(NamedTuple):
    to_torch: Callable[[Arrays, object, nn.Module], State]
    to_keras: Callable[[State, object, nn.Module], Arrays]
    check: Callable[[object, nn.Module], None] | None = None


RULES: dict[tuple[str, str], Rule] = {}


def _name(kind: type | str) -> str:
    return kind if isinstance(kind, str) else kind.__name__


def register(keras_class: type | str, torch_classes: type | str | tuple[type | str, ...],
             to_torch: Callable[[Arrays, object, nn.Module], State],
             to_keras: Callable[[State, object, nn.Module], Arrays],
             check: Callable[[object, nn.Module], None] | None = None) -> None:
    """Add or replace the rule for a Keras layer class and one or more PyTorch module classes.

    Takes effect at once: layers are matched against ``RULES`` on every call, not at import.
    """
    for torch_class in torch_classes if isinstance(torch_classes, tuple) else (torch_classes,):
        RULES[(_name(keras_class), _name(torch_class))] = Rule(to_torch, to_keras, check)


# --- layout rules ---------------------------------------------------------------------------------------
def _gates(w: np.ndarray, order: tuple[int, int, int], axis: int = 0) -> np.ndarray:
    """Reorder the three gate blocks of a GRU weight: Keras (z, r, h), PyTorch (r, z, n)."""
    blocks = np.split(w, 3, axis=axis)
    return np.concatenate([blocks[i] for i in order], axis=axis)


def _with_bias(weight: np.ndarray, arrays: Arrays) -> State:
    return {"weight": weight, **({"bias": arrays[1]} if len(arrays) > 1 else {})}


def _maybe_bias(state: State, key: str = "bias") -> Arrays:
    return [state[key]] if key in state else []


def _same_eps(layer, module) -> None:
    """Normalisation defaults differ (Keras 1e-3, PyTorch 1e-5): the copy is exact only if they agree."""
    if not np.isclose(layer.epsilon, module.eps, rtol=1e-6, atol=0):
        raise PortError(f"Keras epsilon={layer.epsilon} but PyTorch eps={module.eps}; "
                        "set one to the other before copying")


def _single_rnn(layer, module) -> None:
    # batch_first changes the input layout, not the weights: a sequence-first RNN copies the same way
    if module.num_layers != 1 or module.bidirectional:
        raise PortError("only single-layer, one-direction RNNs are mapped")
    if getattr(layer, "reset_after", True) is not True:
        raise PortError("a GRU with reset_after=False has no PyTorch equivalent")


def _groups(layer, module) -> None:
    """Keras Conv2D(groups=g) keeps the same kernel layout as nn.Conv2d(groups=g); DepthwiseConv2D is groups=in."""
    want = module.in_channels if type(layer).__name__ == "DepthwiseConv2D" else getattr(layer, "groups", 1)
    if module.groups != want:
        raise PortError(f"Keras {type(layer).__name__} needs groups={want} in PyTorch, "
                        f"not groups={module.groups}")


def _conv(perm_in: tuple[int, ...], perm_out: tuple[int, ...]) -> Rule:
    return Rule(lambda w, layer, module: _with_bias(w[0].transpose(perm_in), w),
                lambda s, layer, module: [s["weight"].transpose(perm_out), *_maybe_bias(s)], _groups)


def _depthwise_to_keras(s: State, layer, module) -> Arrays:
    w = s["weight"]  # (in * multiplier, 1, kh, kw)
    return [w.reshape(-1, layer.depth_multiplier, *w.shape[2:]).transpose(2, 3, 0, 1), *_maybe_bias(s)]


def _mha_config(layer) -> tuple[int, int, int, bool]:
    config = layer.get_config()
    return config["num_heads"], config["key_dim"], config["value_dim"] or config["key_dim"], config["use_bias"]


def _mha_fits_torch(layer, module) -> None:
    """nn.MultiheadAttention projects q, k, v to embed_dim = heads * head_dim, with one head size."""
    heads, key_dim, value_dim, use_bias = _mha_config(layer)
    query_features = layer.get_weights()[0].shape[0]
    output_features = layer.get_weights()[-1 if not use_bias else -2].shape[-1]
    if not (heads * key_dim == query_features and value_dim == key_dim and output_features == query_features):
        raise PortError(
            f"nn.MultiheadAttention cannot represent this Keras MultiHeadAttention "
            f"(num_heads={heads}, key_dim={key_dim}, value_dim={value_dim}, {query_features} query features, "
            f"{output_features} output features): it needs num_heads * key_dim == value_dim * num_heads == query "
            "features == output features; use KerasMultiHeadAttention from port_weights as the PyTorch twin")
    if module.num_heads != heads or not module._qkv_same_embed_dim or (module.in_proj_bias is not None) != use_bias:
        raise PortError(f"nn.MultiheadAttention needs num_heads={heads}, bias={use_bias} "
                        f"and kdim = vdim = embed_dim={query_features}")


def _mha_to_torch(w: Arrays, layer, module) -> State:
    use_bias = _mha_config(layer)[3]
    kernels = w[0::2][:4] if use_bias else w
    qk, kk, vk, ok = kernels
    state = {"in_proj_weight": np.concatenate([k.reshape(k.shape[0], -1).T for k in (qk, kk, vk)]),
             "out_proj.weight": ok.reshape(-1, ok.shape[-1]).T}
    if use_bias:
        state["in_proj_bias"] = np.concatenate([b.reshape(-1) for b in w[1:6:2]])
        state["out_proj.bias"] = w[7]
    return state


def _mha_to_keras(s: State, layer, module) -> Arrays:
    heads, key_dim, _, use_bias = _mha_config(layer)
    weights = np.split(s["in_proj_weight"], 3)
    biases = np.split(s["in_proj_bias"], 3) if use_bias else [None] * 3
    out: Arrays = []
    for w, b in zip(weights, biases, strict=True):
        out += [w.T.reshape(-1, heads, key_dim), *([b.reshape(heads, key_dim)] if use_bias else [])]
    return [*out, s["out_proj.weight"].T.reshape(heads, key_dim, -1), *_maybe_bias(s, "out_proj.bias")]


_TWIN_PARTS = ("query", "key", "value", "output")


def _twin_to_torch(w: Arrays, layer, module) -> State:
    use_bias = _mha_config(layer)[3]
    step = 2 if use_bias else 1
    state: State = {}
    for part, i in zip(_TWIN_PARTS, range(0, 4 * step, step), strict=True):
        kernel = w[i]
        rows = kernel.shape[-1] if part == "output" else kernel.shape[0]
        state[f"{part}.weight"] = kernel.reshape(-1, rows).T if part == "output" else kernel.reshape(rows, -1).T
        if use_bias:
            state[f"{part}.bias"] = w[i + 1].reshape(-1)
    return state


def _twin_to_keras(s: State, layer, module) -> Arrays:
    heads, key_dim, value_dim, use_bias = _mha_config(layer)
    out: Arrays = []
    for part, size in zip(_TWIN_PARTS[:3], (key_dim, key_dim, value_dim), strict=True):
        out.append(s[f"{part}.weight"].T.reshape(-1, heads, size))
        if use_bias:
            out.append(s[f"{part}.bias"].reshape(heads, size))
    return [*out, s["output.weight"].T.reshape(heads, value_dim, -1), *_maybe_bias(s, "output.bias")]


def _twin_fits(layer, module) -> None:
    heads, key_dim, value_dim, use_bias = _mha_config(layer)
    got = (module.num_heads, module.key_dim, module.value_dim, module.query.bias is not None)
    if got != (heads, key_dim, value_dim, use_bias):
        raise PortError(f"KerasMultiHeadAttention needs num_heads={heads}, key_dim={key_dim}, "
                        f"value_dim={value_dim}, bias={use_bias}; it has {got[0]}, {got[1]}, {got[2]}, {got[3]}")


def _separable_to_torch(w: Arrays, layer, module) -> State:
    depthwise, pointwise = w[0], w[1]  # (kh, kw, in, multiplier), (1, 1, in * multiplier, out)
    state = {"depthwise.weight": depthwise.transpose(2, 3, 0, 1).reshape(-1, 1, *depthwise.shape[:2]),
             "pointwise.weight": pointwise.transpose(3, 2, 0, 1)}
    if len(w) > 2:
        state["pointwise.bias"] = w[2]
    return state


def _separable_to_keras(s: State, layer, module) -> Arrays:
    d = s["depthwise.weight"]
    return [d.reshape(-1, layer.depth_multiplier, *d.shape[2:]).transpose(2, 3, 0, 1),
            s["pointwise.weight"].transpose(2, 3, 1, 0), *_maybe_bias(s, "pointwise.bias")]


def _norm(keys: tuple[str, ...]) -> Rule:
    return Rule(lambda w, layer, module: dict(zip(keys, w, strict=True)),
                lambda s, layer, module: [s[k] for k in keys], _same_eps)


def _builtin_rules() -> None:
    register("Dense", "Linear", lambda w, layer, module: _with_bias(w[0].T, w),
             lambda s, layer, module: [s["weight"].T, *_maybe_bias(s)])
    for keras_class, torch_class, perm_in, perm_out in (
            ("Conv1D", "Conv1d", (2, 1, 0), (2, 1, 0)),
            ("Conv2D", "Conv2d", (3, 2, 0, 1), (2, 3, 1, 0)),
            ("Conv3D", "Conv3d", (4, 3, 0, 1, 2), (2, 3, 4, 1, 0)),
            # (kh, kw, out, in) <-> (in, out, kh, kw)
            ("Conv2DTranspose", "ConvTranspose2d", (3, 2, 0, 1), (2, 3, 1, 0))):
        RULES[(keras_class, torch_class)] = _conv(perm_in, perm_out)
    # (kh, kw, in, multiplier) <-> (in * multiplier, 1, kh, kw)
    register("DepthwiseConv2D", "Conv2d",
             lambda w, layer, module: _with_bias(w[0].transpose(2, 3, 0, 1).reshape(-1, 1, *w[0].shape[:2]), w),
             _depthwise_to_keras, _groups)
    register("SeparableConv2D", "SeparableConv2d", _separable_to_torch, _separable_to_keras)
    RULES[("BatchNormalization", "BatchNorm1d")] = RULES[("BatchNormalization", "BatchNorm2d")] = _norm(
        ("weight", "bias", "running_mean", "running_var"))
    RULES[("LayerNormalization", "LayerNorm")] = _norm(("weight", "bias"))
    register("Embedding", "Embedding", lambda w, layer, module: {"weight": w[0]},
             lambda s, layer, module: [s["weight"]])
    # same gate order (i, f, c, o); PyTorch adds two biases where Keras has one
    register("LSTM", "LSTM",
             lambda w, layer, module: {"weight_ih_l0": w[0].T, "weight_hh_l0": w[1].T,
                                       "bias_ih_l0": w[2], "bias_hh_l0": np.zeros_like(w[2])},
             lambda s, layer, module: [s["weight_ih_l0"].T, s["weight_hh_l0"].T, s["bias_ih_l0"] + s["bias_hh_l0"]],
             _single_rnn)
    # gates (z, r, h) in Keras, (r, z, n) in PyTorch; Keras bias is (2, 3 * units): input row, recurrent row
    register("GRU", "GRU",
             lambda w, layer, module: {
                 "weight_ih_l0": _gates(w[0], (1, 0, 2), axis=1).T, "weight_hh_l0": _gates(w[1], (1, 0, 2), axis=1).T,
                 "bias_ih_l0": _gates(w[2][0], (1, 0, 2)), "bias_hh_l0": _gates(w[2][1], (1, 0, 2))},
             lambda s, layer, module: [
                 _gates(s["weight_ih_l0"], (1, 0, 2)).T, _gates(s["weight_hh_l0"], (1, 0, 2)).T,
                 np.stack([_gates(s["bias_ih_l0"], (1, 0, 2)), _gates(s["bias_hh_l0"], (1, 0, 2))])],
             _single_rnn)
    register("MultiHeadAttention", "MultiheadAttention", _mha_to_torch, _mha_to_keras, _mha_fits_torch)
    register("MultiHeadAttention", "KerasMultiHeadAttention", _twin_to_torch, _twin_to_keras, _twin_fits)


# --- PyTorch twins of Keras layers ------------------------------------------------------------------------
class KerasMultiHeadAttention(nn.Module):
    """``keras.layers.MultiHeadAttention``'s maths in PyTorch, for any key_dim, value_dim and output size.

    Call it as Keras does: ``attn(query, value, key=None, attention_mask=None)``
    with batch-first tensors; ``attention_mask`` is boolean ``(B, T, S)``, True
    where a query may attend. Dropout on the scores is applied in training mode.
    """

    def __init__(self, num_heads: int, key_dim: int, query_dim: int, value_dim: int | None = None,
                 key_input_dim: int | None = None, value_input_dim: int | None = None,
                 output_dim: int | None = None, bias: bool = True, dropout: float = 0.0) -> None:
        super().__init__()
        self.num_heads, self.key_dim, self.value_dim = num_heads, key_dim, value_dim or key_dim
        value_input_dim = value_input_dim or query_dim
        self.query = nn.Linear(query_dim, num_heads * key_dim, bias=bias)
        self.key = nn.Linear(key_input_dim or value_input_dim, num_heads * key_dim, bias=bias)
        self.value = nn.Linear(value_input_dim, num_heads * self.value_dim, bias=bias)
        self.output = nn.Linear(num_heads * self.value_dim, output_dim or query_dim, bias=bias)
        self.dropout = nn.Dropout(dropout)

    def forward(self, query: torch.Tensor, value: torch.Tensor, key: torch.Tensor | None = None,
                attention_mask: torch.Tensor | None = None, use_causal_mask: bool = False) -> torch.Tensor:
        key = value if key is None else key
        (b, t, _), s = query.shape, value.shape[1]
        q = self.query(query).view(b, t, self.num_heads, self.key_dim).transpose(1, 2)
        k = self.key(key).view(b, s, self.num_heads, self.key_dim).transpose(1, 2)
        v = self.value(value).view(b, s, self.num_heads, self.value_dim).transpose(1, 2)
        # Keras scales the query before the product, then masks with a large negative number, not -inf
        scores = (q * (1.0 / math.sqrt(self.key_dim))) @ k.transpose(-1, -2)
        if use_causal_mask:
            causal = torch.ones(t, s, dtype=torch.bool, device=query.device).tril()
            attention_mask = causal if attention_mask is None else attention_mask & causal
        if attention_mask is not None:
            mask = attention_mask if attention_mask.dim() == 4 else attention_mask.unsqueeze(-3)
            scores = scores.masked_fill(~mask.bool(), -1e9)
        out = self.dropout(scores.softmax(dim=-1)) @ v
        return self.output(out.transpose(1, 2).reshape(b, t, self.num_heads * self.value_dim))


class SeparableConv2d(nn.Module):
    """``keras.layers.SeparableConv2D`` in PyTorch: a depthwise then a pointwise convolution (bias on the second)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | tuple[int, int], stride: int = 1,
                 padding: int | str = 0, depth_multiplier: int = 1, bias: bool = True) -> None:
        super().__init__()
        mid = in_channels * depth_multiplier
        self.depthwise = nn.Conv2d(in_channels, mid, kernel_size, stride, padding, groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(mid, out_channels, 1, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.pointwise(self.depthwise(x))


def same_padding(size: int, kernel: int, stride: int, dilation: int = 1) -> tuple[int, int]:
    """TensorFlow's ``padding="same"`` for one dimension: (before, after); the odd pixel goes after."""
    total = max((math.ceil(size / stride) - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


class SamePad2d(nn.Module):
    """Pad NCHW input as TensorFlow's ``padding="same"`` would, computed for each input's size (odd sizes too).

    Put it before a ``padding=0`` convolution (``value=0``) or pooling layer; for max pooling use
    ``value=float("-inf")``: TensorFlow ignores the padded positions, zeros would win over negative inputs.
    (Average pooling with ``same`` divides by the count of real pixels: use ``count_include_pad`` logic instead.)
    """

    def __init__(self, kernel_size: int | tuple[int, int], stride: int | tuple[int, int],
                 dilation: int | tuple[int, int] = 1, value: float = 0.0) -> None:
        super().__init__()
        pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)  # noqa: E731
        self.kernel_size, self.stride, self.dilation, self.value = pair(kernel_size), pair(stride), pair(dilation), value

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        top, bottom = same_padding(x.shape[-2], self.kernel_size[0], self.stride[0], self.dilation[0])
        left, right = same_padding(x.shape[-1], self.kernel_size[1], self.stride[1], self.dilation[1])
        return F.pad(x, (left, right, top, bottom), value=self.value)


_builtin_rules()


# --- pairing ------------------------------------------------------------------------------------------------
def _is_keras_layer(value) -> bool:
    return all(hasattr(value, a) for a in ("get_weights", "set_weights", "trainable_weights", "name"))


def _keras_children(layer) -> Iterator[tuple[str, object]]:
    """Sublayers by public attribute (list items by index, dict items by key); else a model's layers by name."""
    found = False
    for attr, value in vars(layer).items():
        if attr.startswith("_"):
            continue
        if _is_keras_layer(value) and value is not layer:
            found = True
            yield attr, value
        elif isinstance(value, (list, tuple, dict)):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if _is_keras_layer(item):
                    found = True
                    yield f"{attr}/{key}", item
    if not found:
        for child in getattr(layer, "layers", []):
            yield child.name, child


def _variable_path(v) -> str:
    return getattr(v, "path", None) or v.name


class _Keras(NamedTuple):
    units: dict[str, object]
    unreached: dict[str, tuple[object, list[str]]]
    """Container path -> (layer, paths of its weights no sublayer the walk entered holds)."""
    own: dict[str, object]
    """``container/variable`` -> a variable a container created itself (a class token, a position embedding)."""


def _own_variables(layer) -> list:
    """Variables a layer created with ``add_weight`` itself, not through a sublayer."""
    return [*getattr(layer, "_trainable_variables", []), *getattr(layer, "_non_trainable_variables", [])]


def _keras_units(model) -> _Keras:
    kinds = {k for k, _ in RULES}
    units: dict[str, object] = {}
    unreached: dict[str, tuple[object, list[str]]] = {}
    own: dict[str, object] = {}

    def walk(path: str, layer) -> None:
        # a leaf without a rule is still a unit (its error names the missing rule), unless Keras tracks
        # sublayers in it that the walk cannot see (private attributes): then its weights are "unreached"
        leaf = path and not any(True for _ in _keras_children(layer)) and not getattr(layer, "_layers", None)
        if type(layer).__name__ in kinds or leaf:
            units[path] = layer
            return
        reached: set[int] = set()
        for name, child in _keras_children(layer):
            if child.weights:
                walk(f"{path}/{name}" if path else name, child)
                reached.update(id(v) for v in child.weights)
        for v in _own_variables(layer):
            if id(v) not in reached:
                own[f"{path}/{v.name}" if path else v.name] = v
                reached.add(id(v))
        left = [_variable_path(v) for v in layer.weights if id(v) not in reached]
        if left:
            unreached[path or layer.name] = (layer, left)

    walk("", model)
    return _Keras(units, unreached, own)


def _torch_units(module: nn.Module) -> tuple[dict[str, nn.Module], dict[str, torch.Tensor]]:
    """Submodules that own weights (those with a rule, and leaves that hold parameters or buffers), and the
    tensors that containers hold themselves (``module.path.name`` -> tensor: a class token, a position embedding)."""
    kinds = {t for _, t in RULES}
    units: dict[str, nn.Module] = {}
    own: dict[str, torch.Tensor] = {}

    def walk(path: str, mod: nn.Module) -> None:
        tensors = {**dict(mod.named_parameters(recurse=False)), **dict(mod.named_buffers(recurse=False))}
        if type(mod).__name__ in kinds or (path and tensors and not any(True for _ in mod.children())):
            if mod.state_dict():
                units[path] = mod
            return
        for name, tensor in tensors.items():
            if tensor is not None and name in mod.state_dict(keep_vars=True):
                own[f"{path}.{name}" if path else name] = tensor
        for name, child in mod.named_children():
            walk(f"{path}.{name}" if path else name, child)

    walk("", module)
    return units, own


def _key(path: str) -> str:
    return re.sub(r"[./]", "_", path)


AUTO_NAME = re.compile(r"^(?P<base>[a-z0-9_]+?)(?:_\d+)?$")


def _snake(kind: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind).lower()


def _is_auto_name(path: str, layer) -> bool:
    """Keras' automatic names are the class name in snake case, numbered after the first: dense, dense_5."""
    last = path.rsplit("/", 1)[-1]
    match = AUTO_NAME.match(last)
    return bool(match) and last == layer.name and match["base"] == _snake(type(layer).__name__)


def _whole_in_torch(torch_path: str, module: nn.Module, keras_paths: list[str]) -> PortError:
    inner = [p for p in keras_paths if p.startswith(torch_path.replace(".", "/") + "/")]
    return PortError(
        f"PyTorch submodule {torch_path!r} ({type(module).__name__}) is copied whole, but Keras "
        f"{torch_path.replace('.', '/')!r} was descended into: {inner}; register a rule for the Keras layer's "
        "class so it is copied whole too")


def _unmatched_keras(path: str, layer, torch_units: dict[str, nn.Module], torch_module: nn.Module,
                     keras_paths: list[str]) -> PortError:
    kind = type(layer).__name__
    outer = [p for p in torch_units if path.startswith(p.replace(".", "/") + "/")]
    if outer:
        return _whole_in_torch(outer[0], torch_units[outer[0]], keras_paths)
    container = dict(torch_module.named_modules()).get(path.replace("/", "."))
    inside = sorted(p for p in torch_units if p.startswith(path.replace("/", ".") + "."))
    if container is not None and inside:
        return PortError(
            f"Keras layer {path!r} ({kind}) is copied whole by its rule, but PyTorch {path.replace('/', '.')!r} "
            f"({type(container).__name__}) is a container of {inside}; make the PyTorch twin a module the rule "
            f"expects ({_expected(kind)}) or register a rule for {type(container).__name__}")
    listing = f"PyTorch submodules with weights: {sorted(torch_units)}"
    if _is_auto_name(path, layer):
        return PortError(
            f"Keras layer {path!r} ({kind}) has no PyTorch submodule at that path, and {layer.name!r} is an "
            "automatic name: Keras numbers automatic names per process, so a model built after another one gets "
            "new numbers; give the layer an explicit name=..., or call keras.backend.clear_session() before "
            f"building the model; {listing}")
    return PortError(f"Keras layer {path!r} ({kind}) has no PyTorch submodule at that path; {listing}")


def _expected(keras_kind: str) -> str:
    return " or ".join(t for k, t in RULES if k == keras_kind) or "none registered"


def _pairs(keras_model, torch_module: nn.Module):
    """Match Keras layers and PyTorch submodules that hold weights by path; name whatever is left over."""
    keras = _keras_units(keras_model)
    for path, (layer, left) in keras.unreached.items():
        raise PortError(
            f"Keras layer {path!r} ({type(layer).__name__}) holds weights that no sublayer the helper descended "
            f"into holds: {left}; they are its own weights or belong to sublayers kept in private attributes; "
            f"register a rule for {type(layer).__name__} with port_weights.register(...), or keep its sublayers "
            "in public attributes")
    torch_units, _ = _torch_units(torch_module)
    by_key: dict[str, str] = {}
    for path in torch_units:
        if by_key.setdefault(_key(path), path) != path:
            raise PortError(f"PyTorch submodules {by_key[_key(path)]!r} and {path!r} read alike once '.', '/' and "
                            "'_' are equated; rename one")
    for path, layer in keras.units.items():
        if _key(path) not in by_key:
            raise _unmatched_keras(path, layer, torch_units, torch_module, sorted(keras.units))
    keras_keys = {_key(p) for p in keras.units}
    for key, path in by_key.items():
        if key not in keras_keys:
            module = torch_units[path]
            keras_paths = sorted(keras.units)
            if any(p.startswith(path.replace(".", "/") + "/") for p in keras_paths):
                raise _whole_in_torch(path, module, keras_paths)
            raise PortError(f"PyTorch submodule {path!r} ({type(module).__name__}) has no Keras layer at that path; "
                            f"Keras layers with weights: {keras_paths}")
    for path, layer in keras.units.items():
        unit = torch_units[by_key[_key(path)]]
        kind, torch_kind = type(layer).__name__, type(unit).__name__
        rule = RULES.get((kind, torch_kind))
        if rule is None:
            if not any(k == kind for k, _ in RULES):
                raise PortError(f"layer {path!r}: no rule for Keras {kind}; add one with "
                                f"port_weights.register({kind!r}, {torch_kind!r}, to_torch, to_keras)")
            raise PortError(f"layer {path!r}: Keras {kind} cannot be copied to PyTorch {torch_kind}; "
                            f"expected {_expected(kind)}")
        if rule.check is not None:
            try:
                rule.check(layer, unit)
            except ValueError as error:
                raise PortError(f"layer {path!r}: {error}") from None
        yield path, layer, unit, rule


def _own_pairs(keras_model, torch_module: nn.Module) -> list[tuple[str, object, torch.Tensor]]:
    """Pair the weights containers hold themselves by path and name; they are copied as they are."""
    keras = {_key(p): (p, v) for p, v in _keras_units(keras_model).own.items()}
    torch_own = {_key(p): (p, t) for p, t in _torch_units(torch_module)[1].items()}
    for key in sorted(keras.keys() ^ torch_own.keys()):
        side, path = ("Keras", keras[key][0]) if key in keras else ("PyTorch", torch_own[key][0])
        other = sorted(p for p, _ in (torch_own if key in keras else keras).values())
        raise PortError(f"{side} weight {path!r} is held by its container itself and has no counterpart at that "
                        f"path in the other framework (weights held by containers there: {other}); name the "
                        "attribute and the variable alike")
    pairs = []
    for key, (path, variable) in keras.items():
        tensor = torch_own[key][1]
        if tuple(variable.shape) != tuple(tensor.shape):
            raise PortError(f"weight {path!r}: {tuple(tensor.shape)} in PyTorch but {tuple(variable.shape)} in Keras; "
                            "a weight held by a container is copied as it is, with the same shape")
        pairs.append((path, variable, tensor))
    return pairs


def keras_to_torch(keras_model, torch_module: nn.Module) -> nn.Module:
    """Copy every weight of a built Keras model into ``torch_module`` (in place) and return it."""
    for _, variable, tensor in _own_pairs(keras_model, torch_module):
        with torch.no_grad():
            tensor.copy_(torch.from_numpy(np.asarray(variable.numpy())))
    for path, layer, unit, rule in list(_pairs(keras_model, torch_module)):
        target = unit.state_dict()
        for key, value in rule.to_torch([np.asarray(w) for w in layer.get_weights()], layer, unit).items():
            if key not in target or tuple(target[key].shape) != value.shape:
                got = tuple(target[key].shape) if key in target else "missing"
                raise PortError(f"layer {path!r}: {key} is {got} in PyTorch but {value.shape} from Keras")
            with torch.no_grad():
                target[key].copy_(torch.from_numpy(np.ascontiguousarray(value)))
    return torch_module


def torch_to_keras(torch_module: nn.Module, keras_model):
    """Copy every weight of ``torch_module`` into a built Keras model (in place) and return it."""
    for _, variable, tensor in _own_pairs(keras_model, torch_module):
        variable.assign(tensor.detach().cpu().numpy().astype(variable.dtype))
    for path, layer, unit, rule in list(_pairs(keras_model, torch_module)):
        state = {k: v.detach().cpu().numpy() for k, v in unit.state_dict().items()}
        arrays = rule.to_keras(state, layer, unit)
        expected = [tuple(w.shape) for w in layer.get_weights()]
        if [a.shape for a in arrays] != expected:
            raise PortError(f"layer {path!r}: Keras expects {expected} but PyTorch gives {[a.shape for a in arrays]}")
        layer.set_weights(arrays)
    return keras_model
