"""Copy trained weights between a Keras 3 model and a PyTorch module, layer by layer.

Copy this file into your project. Give each Keras layer the name of the
PyTorch submodule it mirrors (``self.block.conv1`` <-> ``name="block_conv1"``),
then call ``keras_to_torch(keras_model, torch_module)`` or
``torch_to_keras(torch_module, keras_model)``. Each weight is rearranged by
the layout rules in the site's API dictionary (Dense kernels transposed,
conv kernels HWIO <-> OIHW, GRU gates reordered, two LSTM biases summed).
Anything it cannot map stops with an error naming the layer, instead of
copying weights that run and give wrong answers. It needs only NumPy and
PyTorch, reads Keras layers through their public ``get_weights`` and
``set_weights``, and so works with any Keras backend.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

Arrays = list[np.ndarray]
State = dict[str, np.ndarray]


def _gates(w: np.ndarray, order: tuple[int, int, int], axis: int = 0) -> np.ndarray:
    """Reorder the three gate blocks of a GRU weight: Keras (z, r, h), PyTorch (r, z, n)."""
    blocks = np.split(w, 3, axis=axis)
    return np.concatenate([blocks[i] for i in order], axis=axis)


def _plain(layer, module) -> None:
    """Layers whose weights only need the layout rules below."""


def _same_eps(layer, module) -> None:
    """Normalisation defaults differ (Keras 1e-3, PyTorch 1e-5): the copy is exact only if they agree."""
    if not np.isclose(layer.epsilon, module.eps, rtol=1e-6, atol=0):
        raise ValueError(f"layer {layer.name!r}: Keras epsilon={layer.epsilon} but PyTorch eps={module.eps}; "
                         "set one to the other before copying")


def _single_rnn(layer, module) -> None:
    if module.num_layers != 1 or module.bidirectional or not module.batch_first:
        raise ValueError(f"layer {layer.name!r}: only single-layer, one-direction, batch_first=True RNNs are mapped")
    if getattr(layer, "reset_after", True) is not True:
        raise ValueError(f"layer {layer.name!r}: a GRU with reset_after=False has no PyTorch equivalent")


def _depthwise(layer, module) -> None:
    if module.groups != module.in_channels:
        raise ValueError(f"layer {layer.name!r}: DepthwiseConv2D needs nn.Conv2d(groups=in_channels)")


def _dense_groups(layer, module) -> None:
    if getattr(module, "groups", 1) != 1:
        raise ValueError(f"layer {layer.name!r}: a grouped nn.Conv2d is not a Keras Conv2D")


def _bias(arrays: Arrays, state: State, key: str = "bias") -> None:
    if len(arrays) > 1:
        state[key] = arrays[1]


def _maybe_bias(state: State, key: str = "bias") -> Arrays:
    return [state[key]] if key in state else []


def _mha_to_torch(w: Arrays) -> State:
    qk, qb, kk, kb, vk, vb, ok, ob = w
    d = qk.shape[0]
    return {
        "in_proj_weight": np.concatenate([k.reshape(d, -1).T for k in (qk, kk, vk)]),
        "in_proj_bias": np.concatenate([b.reshape(-1) for b in (qb, kb, vb)]),
        "out_proj.weight": ok.reshape(-1, ok.shape[-1]).T,
        "out_proj.bias": ob,
    }


def _mha_to_keras(s: State, layer) -> Arrays:
    heads, head_dim = layer.num_heads, layer.key_dim
    qw, kw, vw = np.split(s["in_proj_weight"], 3)
    qb, kb, vb = np.split(s["in_proj_bias"], 3)
    out = []
    for w, b in ((qw, qb), (kw, kb), (vw, vb)):
        out += [w.T.reshape(-1, heads, head_dim), b.reshape(heads, head_dim)]
    return [*out, s["out_proj.weight"].T.reshape(heads, head_dim, -1), s["out_proj.bias"]]


# Keras class -> (PyTorch classes, check, Keras arrays -> PyTorch state, PyTorch state -> Keras arrays)
RULES: dict[str, tuple[tuple[str, ...], Callable, Callable[[Arrays], State], Callable[[State, object], Arrays]]] = {
    "Dense": (("Linear",), _plain,
              lambda w: {"weight": w[0].T, **({"bias": w[1]} if len(w) > 1 else {})},
              lambda s, _: [s["weight"].T, *_maybe_bias(s)]),
    "Conv1D": (("Conv1d",), _dense_groups,
               lambda w: {"weight": w[0].transpose(2, 1, 0), **({"bias": w[1]} if len(w) > 1 else {})},
               lambda s, _: [s["weight"].transpose(2, 1, 0), *_maybe_bias(s)]),
    "Conv2D": (("Conv2d",), _dense_groups,
               lambda w: {"weight": w[0].transpose(3, 2, 0, 1), **({"bias": w[1]} if len(w) > 1 else {})},
               lambda s, _: [s["weight"].transpose(2, 3, 1, 0), *_maybe_bias(s)]),
    # (kh, kw, out, in) <-> (in, out, kh, kw)
    "Conv2DTranspose": (("ConvTranspose2d",), _dense_groups,
                        lambda w: {"weight": w[0].transpose(3, 2, 0, 1), **({"bias": w[1]} if len(w) > 1 else {})},
                        lambda s, _: [s["weight"].transpose(2, 3, 1, 0), *_maybe_bias(s)]),
    # (kh, kw, in, multiplier) <-> (in * multiplier, 1, kh, kw)
    "DepthwiseConv2D": (("Conv2d",), _depthwise,
                        lambda w: {"weight": w[0].transpose(2, 3, 0, 1).reshape(-1, 1, *w[0].shape[:2]),
                                   **({"bias": w[1]} if len(w) > 1 else {})},
                        lambda s, layer: [s["weight"].reshape(-1, layer.depth_multiplier, *s["weight"].shape[2:])
                                          .transpose(2, 3, 0, 1), *_maybe_bias(s)]),
    "BatchNormalization": (("BatchNorm1d", "BatchNorm2d"), _same_eps,
                           lambda w: dict(zip(("weight", "bias", "running_mean", "running_var"), w, strict=True)),
                           lambda s, _: [s["weight"], s["bias"], s["running_mean"], s["running_var"]]),
    "LayerNormalization": (("LayerNorm",), _same_eps,
                           lambda w: dict(zip(("weight", "bias"), w, strict=True)),
                           lambda s, _: [s["weight"], s["bias"]]),
    "Embedding": (("Embedding",), _plain, lambda w: {"weight": w[0]}, lambda s, _: [s["weight"]]),
    # same gate order (i, f, c, o); PyTorch adds two biases where Keras has one
    "LSTM": (("LSTM",), _single_rnn,
             lambda w: {"weight_ih_l0": w[0].T, "weight_hh_l0": w[1].T,
                        "bias_ih_l0": w[2], "bias_hh_l0": np.zeros_like(w[2])},
             lambda s, _: [s["weight_ih_l0"].T, s["weight_hh_l0"].T, s["bias_ih_l0"] + s["bias_hh_l0"]]),
    # gates (z, r, h) in Keras, (r, z, n) in PyTorch; Keras bias is (2, 3 * units): input row, recurrent row
    "GRU": (("GRU",), _single_rnn,
            lambda w: {"weight_ih_l0": _gates(w[0], (1, 0, 2), axis=1).T, "weight_hh_l0": _gates(w[1], (1, 0, 2), axis=1).T,
                       "bias_ih_l0": _gates(w[2][0], (1, 0, 2)), "bias_hh_l0": _gates(w[2][1], (1, 0, 2))},
            lambda s, _: [_gates(s["weight_ih_l0"], (1, 0, 2)).T, _gates(s["weight_hh_l0"], (1, 0, 2)).T,
                          np.stack([_gates(s["bias_ih_l0"], (1, 0, 2)), _gates(s["bias_hh_l0"], (1, 0, 2))])]),
    "MultiHeadAttention": (("MultiheadAttention",), _plain, _mha_to_torch, _mha_to_keras),
}
TORCH_UNITS = {name for rule in RULES.values() for name in rule[0]}


def _torch_units(module: torch.nn.Module) -> dict[str, torch.nn.Module]:
    """Submodules that own weights, keyed by their Keras name (dots become underscores)."""
    units: dict[str, torch.nn.Module] = {}

    def walk(prefix: str, mod: torch.nn.Module) -> None:
        if type(mod).__name__ in TORCH_UNITS or (
                prefix and any(True for _ in mod.parameters(recurse=False))):
            units[prefix.replace(".", "_")] = mod
            return
        for name, child in mod.named_children():
            walk(f"{prefix}.{name}" if prefix else name, child)

    walk("", module)
    return units


def _pairs(keras_model, torch_module: torch.nn.Module):
    """Match Keras layers that hold weights with PyTorch submodules by name; name whatever is left over."""
    layers = {layer.name: layer for layer in keras_model.layers if layer.weights}
    units = _torch_units(torch_module)
    for name in layers.keys() - units.keys():
        raise ValueError(f"Keras layer {name!r} ({type(layers[name]).__name__}) has no PyTorch submodule of that name; "
                         f"PyTorch submodules with weights: {sorted(units)}")
    for name in units.keys() - layers.keys():
        raise ValueError(f"PyTorch submodule {name!r} ({type(units[name]).__name__}) has no Keras layer of that name; "
                         f"Keras layers with weights: {sorted(layers)}")
    for name, layer in layers.items():
        kind, unit = type(layer).__name__, units[name]
        rule = RULES.get(kind)
        if rule is None:
            raise ValueError(f"layer {name!r}: no rule for Keras {kind}; known: {sorted(RULES)}")
        if type(unit).__name__ not in rule[0]:
            raise ValueError(f"layer {name!r}: Keras {kind} cannot be copied to PyTorch {type(unit).__name__}; "
                             f"expected {' or '.join(rule[0])}")
        rule[1](layer, unit)
        yield name, layer, unit, rule


def keras_to_torch(keras_model, torch_module: torch.nn.Module) -> torch.nn.Module:
    """Copy every weight of a built Keras model into ``torch_module`` (in place) and return it."""
    for name, layer, unit, rule in _pairs(keras_model, torch_module):
        target = unit.state_dict()
        for key, value in rule[2]([np.asarray(w) for w in layer.get_weights()]).items():
            if key not in target or tuple(target[key].shape) != value.shape:
                got = tuple(target[key].shape) if key in target else "missing"
                raise ValueError(f"layer {name!r}: {key} is {got} in PyTorch but {value.shape} from Keras")
            with torch.no_grad():
                target[key].copy_(torch.from_numpy(np.ascontiguousarray(value)))
    return torch_module


def torch_to_keras(torch_module: torch.nn.Module, keras_model):
    """Copy every weight of ``torch_module`` into a built Keras model (in place) and return it."""
    for name, layer, unit, rule in _pairs(keras_model, torch_module):
        state = {k: v.detach().cpu().numpy() for k, v in unit.state_dict().items()}
        arrays = rule[3](state, layer)
        expected = [tuple(w.shape) for w in layer.get_weights()]
        if [a.shape for a in arrays] != expected:
            raise ValueError(f"layer {name!r}: Keras expects {expected} but PyTorch gives {[a.shape for a in arrays]}")
        layer.set_weights(arrays)
    return keras_model
