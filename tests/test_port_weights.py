"""The weight-copy helper on what real models need: nested and custom layers, any attention shape,
separable convolutions, `same` pooling at odd sizes, rules registered at run time, and errors that name
the real cause (each message compared in full).

Tiny layers, one process: the matrix's families are the large cases (tests/test_conversions.py).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

pytestmark = pytest.mark.slow

keras = pytest.importorskip("keras")
torch = pytest.importorskip("torch")
nn = torch.nn
L = keras.layers

from sidebyside.tools.conversions import port_weights as pw  # noqa: E402
from sidebyside.tools.conversions.families import FAMILIES  # noqa: E402
from sidebyside.tools.conversions.schema import TOLERANCE  # noqa: E402


def functional(*layers, shape=(4,)):
    """A functional Keras model applying ``layers`` in turn (each built on its input)."""
    x = inputs = keras.Input(shape)
    for layer in layers:
        x = layer(x)
    return keras.Model(inputs, x)


def holder(**children) -> nn.Module:
    """A bare PyTorch container whose attributes are ``children``."""
    module = nn.Module()
    for name, child in children.items():
        module.add_module(name, child)
    return module


class Scale(L.Layer):
    """A custom Keras layer with a weight of its own and no sublayer: only a registered rule can copy it."""

    def build(self, shape):
        self.scale = self.add_weight(shape=(shape[-1],), initializer="random_normal", name="scale")

    def call(self, x):
        return x * self.scale


class TorchScale(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.scale = nn.Parameter(torch.zeros(n))

    def forward(self, x):
        return x * self.scale


class Hidden(L.Layer):
    """Keeps its sublayer in a private attribute, which the walk does not read."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._inner = L.Dense(2, name="inner")

    def call(self, x):
        return self._inner(x)


class Split(L.Layer):
    """A separable convolution written as two public sublayers (the walk descends into it)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.depthwise = L.DepthwiseConv2D(3, use_bias=False, name="depthwise")
        self.pointwise = L.Conv2D(4, 1, name="pointwise")

    def call(self, x):
        return self.pointwise(self.depthwise(x))


class TorchAttention(nn.Module):
    """An attention written as a container of projections, for a Keras layer its rule copies whole."""

    def __init__(self) -> None:
        super().__init__()
        self.query, self.key, self.value, self.output = (nn.Linear(8, 8) for _ in range(4))


def _mha(num_heads: int, key_dim: int, name: str = "attn"):
    x = inputs = keras.Input((3, 8))
    return keras.Model(inputs, L.MultiHeadAttention(num_heads, key_dim, name=name)(x, x))


def _auto_name():
    model = functional(L.Dense(2))
    name = model.layers[-1].name
    return model, holder(fc=nn.Linear(4, 2)), (
        f"Keras layer '{name}' (Dense) has no PyTorch submodule at that path, and '{name}' is an automatic name: "
        "Keras numbers automatic names per process, so a model built after another one gets new numbers; give the "
        "layer an explicit name=..., or call keras.backend.clear_session() before building the model; "
        "PyTorch submodules with weights: ['fc']")


def _private_sublayer():
    return functional(Hidden(name="block")), holder(block=holder(inner=nn.Linear(4, 2))), (
        "Keras layer 'block' (Hidden) holds weights that no sublayer the helper descended into holds: "
        "['block/inner/kernel', 'block/inner/bias']; they are its own weights or belong to sublayers kept in "
        "private attributes; register a rule for Hidden with port_weights.register(...), or keep its sublayers "
        "in public attributes")


def _attention_too_narrow():
    return _mha(2, 3), holder(attn=nn.MultiheadAttention(8, 2, batch_first=True)), (
        "layer 'attn': nn.MultiheadAttention cannot represent this Keras MultiHeadAttention (num_heads=2, "
        "key_dim=3, value_dim=3, 8 query features, 8 output features): it needs num_heads * key_dim == "
        "value_dim * num_heads == query features == output features; use KerasMultiHeadAttention from "
        "port_weights as the PyTorch twin")


def _attention_as_container():
    return _mha(2, 4), holder(attn=TorchAttention()), (
        "Keras layer 'attn' (MultiHeadAttention) is copied whole by its rule, but PyTorch 'attn' (TorchAttention) "
        "is a container of ['attn.key', 'attn.output', 'attn.query', 'attn.value']; make the PyTorch twin a module "
        "the rule expects (MultiheadAttention or KerasMultiHeadAttention) or register a rule for TorchAttention")


def _separable_descended():
    model = functional(Split(name="sep"), shape=(5, 5, 2))
    return model, holder(sep=pw.SeparableConv2d(2, 4, 3)), (
        "PyTorch submodule 'sep' (SeparableConv2d) is copied whole, but Keras 'sep' was descended into: "
        "['sep/depthwise', 'sep/pointwise']; register a rule for the Keras layer's class so it is copied whole too")


def _no_rule():
    return functional(Scale(name="scale")), holder(scale=TorchScale(4)), (
        "layer 'scale': no rule for Keras Scale; add one with port_weights.register('Scale', 'TorchScale', "
        "to_torch, to_keras)")


def _wrong_class():
    return functional(L.Dense(2, name="fc")), holder(fc=nn.Conv1d(4, 2, 1)), (
        "layer 'fc': Keras Dense cannot be copied to PyTorch Conv1d; expected Linear")


def _extra_torch():
    return functional(L.Dense(2, name="fc")), holder(fc=nn.Linear(4, 2), extra=nn.Linear(2, 2)), (
        "PyTorch submodule 'extra' (Linear) has no Keras layer at that path; Keras layers with weights: ['fc']")


def _nested_missing():
    return functional(Split(name="sep"), shape=(5, 5, 2)), holder(sep=holder(depthwise=nn.Conv2d(2, 2, 3, groups=2))), (
        "Keras layer 'sep/pointwise' (Conv2D) has no PyTorch submodule at that path; "
        "PyTorch submodules with weights: ['sep.depthwise']")


def _epsilon():
    return functional(L.LayerNormalization(name="norm")), holder(norm=nn.LayerNorm(4)), (
        "layer 'norm': Keras epsilon=0.001 but PyTorch eps=1e-05; set one to the other before copying")


def _groups():
    return (functional(L.DepthwiseConv2D(3, name="dw"), shape=(5, 5, 2)), holder(dw=nn.Conv2d(2, 2, 3)),
            "layer 'dw': Keras DepthwiseConv2D needs groups=2 in PyTorch, not groups=1")


def _twin_config():
    twin = pw.KerasMultiHeadAttention(num_heads=2, key_dim=4, query_dim=8, value_dim=3)
    return _mha(2, 4), holder(attn=twin), (
        "layer 'attn': KerasMultiHeadAttention needs num_heads=2, key_dim=4, value_dim=4, bias=True; "
        "it has 2, 4, 3, True")


class Tokened(L.Layer):
    """A container with a weight of its own (like a class token) beside a public sublayer."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.token = self.add_weight(shape=(4,), initializer="random_normal", name="token")
        self.fc = L.Dense(4, name="fc")

    def call(self, x):
        return self.fc(x) + self.token


def _torch_tokened(name: str = "token", size: int = 4) -> nn.Module:
    block = holder(fc=nn.Linear(4, 4))
    block.register_parameter(name, nn.Parameter(torch.zeros(size)))
    return holder(block=block)


def _own_weight_unpaired():
    return functional(Tokened(name="block")), _torch_tokened("cls"), (
        "PyTorch weight 'block.cls' is held by its container itself and has no counterpart at that path in the "
        "other framework (weights held by containers there: ['block/token']); name the attribute and the variable "
        "alike")


def _own_weight_shape():
    return functional(Tokened(name="block")), _torch_tokened(size=5), (
        "weight 'block/token': (5,) in PyTorch but (4,) in Keras; a weight held by a container is copied as it "
        "is, with the same shape")


ERRORS: dict[str, Callable] = {
    "own-weight-unpaired": _own_weight_unpaired, "own-weight-shape": _own_weight_shape,
    "auto-name": _auto_name, "private-sublayer": _private_sublayer, "attention-too-narrow": _attention_too_narrow,
    "attention-as-container": _attention_as_container, "separable-descended": _separable_descended,
    "no-rule": _no_rule, "wrong-class": _wrong_class, "extra-torch": _extra_torch, "nested-missing": _nested_missing,
    "epsilon": _epsilon, "groups": _groups, "twin-config": _twin_config,
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_error_names_the_cause(case: str) -> None:
    model, module, expected = ERRORS[case]()
    for copy in (lambda: pw.keras_to_torch(model, module), lambda: pw.torch_to_keras(module, model)):
        with pytest.raises(pw.PortError) as caught:
            copy()
        assert str(caught.value) == expected, f"{case}: the message changed; update ERRORS or the helper"


def _same(keras_out, torch_out, what: str) -> None:
    diff = float(np.abs(np.asarray(keras_out) - torch_out.detach().numpy()).max())
    assert diff <= TOLERANCE, f"{what}: largest difference {diff:.3g} > {TOLERANCE}"


def test_registered_rule_is_used_at_run_time(monkeypatch) -> None:
    """A rule added after import for a new pair of classes is consulted; a doubling rule proves it ran."""
    monkeypatch.setattr(pw, "RULES", dict(pw.RULES))
    model, module = functional(Scale(name="scale")), holder(scale=TorchScale(4))
    with pytest.raises(pw.PortError, match="no rule for Keras Scale"):
        pw.keras_to_torch(model, module)
    pw.register(Scale, TorchScale, to_torch=lambda w, layer, m: {"scale": 2 * w[0]},
                to_keras=lambda s, layer, m: [s["scale"] / 2])
    pw.keras_to_torch(model, module)
    expected = 2 * model.get_layer("scale").get_weights()[0]
    assert np.allclose(module.scale.scale.detach().numpy(), expected), "the registered rule was not applied"
    fresh = functional(Scale(name="scale"))
    pw.torch_to_keras(module, fresh)
    assert np.allclose(fresh.get_layer("scale").get_weights()[0], expected / 2), "to_keras was not applied"


def test_twin_attention_with_any_head_size_and_a_mask() -> None:
    """KerasMultiHeadAttention reproduces Keras for key_dim * heads != embed, value_dim != key_dim, a new output size."""
    q_in, kv_in = keras.Input((3, 8)), keras.Input((5, 6))
    mask_in = keras.Input((3, 5), dtype="bool")
    layer = L.MultiHeadAttention(num_heads=3, key_dim=2, value_dim=5, output_shape=7, name="attn")
    model = keras.Model([q_in, kv_in, mask_in], layer(q_in, kv_in, attention_mask=mask_in))
    twin = pw.KerasMultiHeadAttention(3, 2, query_dim=8, value_dim=5, value_input_dim=6, output_dim=7)
    pw.keras_to_torch(model, holder(attn=twin))
    rng = np.random.default_rng(0)
    q, kv = rng.normal(size=(2, 3, 8)).astype("float32"), rng.normal(size=(2, 5, 6)).astype("float32")
    mask = rng.random((2, 3, 5)) > 0.4
    mask[..., 0] = True
    out = twin.eval()(torch.from_numpy(q), torch.from_numpy(kv), attention_mask=torch.from_numpy(mask))
    _same(model([q, kv, mask]), out, "twin attention")


def test_same_padding_amounts() -> None:
    """TensorFlow's `same`: the odd pixel after, and odd sizes such as 45 and 23 pad on both sides."""
    table = {(180, 3, 2): (0, 1), (45, 3, 2): (1, 1), (23, 3, 2): (1, 1), (16, 2, 2): (0, 0), (13, 3, 1): (1, 1)}
    got = {args: pw.same_padding(*args) for args in table}
    assert got == table, f"same_padding disagrees with TensorFlow's rule: {got}"


def _pool_twin(value: float):
    module = nn.Sequential(pw.SamePad2d(3, 2, value=value), nn.MaxPool2d(3, 2))
    x = np.random.default_rng(1).normal(size=(1, 9, 9, 2)).astype("float32") - 2.0  # mostly negative
    keras_out = L.MaxPooling2D(3, strides=2, padding="same")(x)
    return keras_out, module(torch.from_numpy(x.transpose(0, 3, 1, 2))).permute(0, 2, 3, 1)


def test_same_max_pooling_needs_minus_infinity() -> None:
    _same(*_pool_twin(float("-inf")), "SamePad2d(value=-inf) + MaxPool2d")
    keras_out, zero_padded = _pool_twin(0.0)  # planted: the zero-pad recipe
    diff = float(np.abs(np.asarray(keras_out) - zero_padded.detach().numpy()).max())
    assert diff > 1.0, f"zero padding before max pooling should be caught (difference only {diff:.3g})"


def test_pool_family_fails_with_zero_padding(monkeypatch) -> None:
    """Planted lie: the odd-size pooling family ported with zeros as padding must not pass."""
    family = FAMILIES["pool-odd"]
    real = pw.SamePad2d.forward
    monkeypatch.setattr(pw.SamePad2d, "forward", lambda self, x: torch.nn.functional.pad(
        x, [p for d in (-1, -2) for p in pw.same_padding(x.shape[d], 3, 2)], value=0.0))
    model, module = family.keras(), family.torch()
    pw.keras_to_torch(model, module)
    x_keras, x_torch = family.inputs()
    diff = float(np.abs(np.asarray(model(x_keras, training=False)) - module(torch.from_numpy(x_torch)).detach().numpy()).max())
    assert diff > TOLERANCE, f"zero padding passed the pooling family ({diff:.3g}); SamePad2d must pad with -inf"
    assert real is not pw.SamePad2d.forward


def test_weights_held_by_containers_are_copied_by_path() -> None:
    """A class token or position embedding: a container's own weight, paired by path and name, both ways."""
    model, module = functional(Tokened(name="block")), _torch_tokened()
    x = np.random.default_rng(0).standard_normal((2, 4)).astype("float32")
    pw.keras_to_torch(model, module)
    _same(model(x), module.block.fc(torch.from_numpy(x)) + module.block.token, "Keras -> PyTorch")
    with torch.no_grad():
        module.block.token.add_(1.0)
    pw.torch_to_keras(module, model)
    _same(model(x), module.block.fc(torch.from_numpy(x)) + module.block.token, "PyTorch -> Keras")
