"""The matrix's model families: each built twice from code, as a Keras model and an equivalent PyTorch module.

The twins use the same layer names (the Keras layer ``bn1`` is the module's
``self.bn1``), so the weight-copy paths can pair them by name, and the
PyTorch twin states every default that differs (batch-norm and layer-norm
epsilon, TensorFlow's asymmetric ``same`` padding at stride 2). Weights are
random from a fixed seed and batch-norm statistics are randomised too, so
a conversion that drops or swaps them cannot pass. Frameworks are imported
inside the builders: a cell that needs only PyTorch never loads TensorFlow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

SEED = 0
BATCH = 4


@dataclass(frozen=True)
class Family:
    id: str
    title: str
    input_shape: tuple[int, ...]
    """One example in Keras layout (channels last); images are transposed to NCHW for PyTorch."""
    keras: Callable[[], object]
    torch: Callable[[], object]

    @property
    def image(self) -> bool:
        return len(self.input_shape) == 3

    def inputs(self) -> tuple[np.ndarray, np.ndarray]:
        """The same batch in Keras layout and in PyTorch layout."""
        x = np.random.default_rng(SEED + 1).standard_normal((BATCH, *self.input_shape)).astype("float32")
        return x, (np.ascontiguousarray(x.transpose(0, 3, 1, 2)) if self.image else x)


def _randomise_keras_norms(model) -> None:
    """Batch-norm statistics away from (0, 1) so that mixing them up shows in the outputs."""
    rng = np.random.default_rng(SEED + 2)
    for layer in model.layers:
        if type(layer).__name__ == "BatchNormalization":
            c = layer.get_weights()[0].shape[0]
            layer.set_weights([rng.uniform(0.5, 1.5, c), rng.normal(0, 0.2, c), rng.normal(0, 0.5, c),
                               rng.uniform(0.5, 2.0, c)])


def _randomise_torch_norms(module) -> None:
    import torch

    rng = np.random.default_rng(SEED + 2)
    for sub in module.modules():
        if isinstance(sub, torch.nn.modules.batchnorm._BatchNorm):
            c = sub.num_features
            values = (rng.uniform(0.5, 1.5, c), rng.normal(0, 0.2, c), rng.normal(0, 0.5, c), rng.uniform(0.5, 2.0, c))
            with torch.no_grad():
                for target, value in zip((sub.weight, sub.bias, sub.running_mean, sub.running_var), values, strict=True):
                    target.copy_(torch.from_numpy(value.astype("float32")))


def _keras(build: Callable[[object], tuple[object, object]]) -> Callable[[], object]:
    def make():
        import keras

        keras.utils.set_random_seed(SEED)
        inputs, outputs = build(keras)
        model = keras.Model(inputs, outputs)
        _randomise_keras_norms(model)
        return model
    return make


def _torch(build: Callable[[object], object]) -> Callable[[], object]:
    def make():
        import torch

        torch.manual_seed(SEED)
        module = build(torch.nn)
        _randomise_torch_norms(module)
        return module.eval()
    return make


# --- MLP ---------------------------------------------------------------------------------------------
def _mlp_keras(keras):
    x = inputs = keras.Input((20,))
    x = keras.layers.Dense(32, activation="relu", name="fc1")(x)
    x = keras.layers.Dense(16, activation="relu", name="fc2")(x)
    return inputs, keras.layers.Dense(4, name="fc3")(x)


def _mlp_torch(nn):
    return nn.Sequential(_named(fc1=nn.Linear(20, 32), act1=nn.ReLU(), fc2=nn.Linear(32, 16), act2=nn.ReLU(),
                                fc3=nn.Linear(16, 4)))


def _named(**modules):
    from collections import OrderedDict

    return OrderedDict(modules)


# --- CNN with batch norm -----------------------------------------------------------------------------
def _cnn_keras(keras):
    L = keras.layers
    x = inputs = keras.Input((16, 16, 3))
    x = L.Conv2D(8, 3, padding="same", use_bias=False, name="conv1")(x)
    x = L.ReLU()(L.BatchNormalization(name="bn1")(x))
    x = L.MaxPooling2D(2)(x)
    x = L.Conv2D(16, 3, padding="same", use_bias=False, name="conv2")(x)
    x = L.ReLU()(L.BatchNormalization(name="bn2")(x))
    x = L.GlobalAveragePooling2D()(x)
    return inputs, L.Dense(4, name="head")(x)


def _cnn_torch(nn):
    return nn.Sequential(_named(
        conv1=nn.Conv2d(3, 8, 3, padding=1, bias=False), bn1=nn.BatchNorm2d(8, eps=1e-3, momentum=0.01), relu1=nn.ReLU(),
        pool=nn.MaxPool2d(2),
        conv2=nn.Conv2d(8, 16, 3, padding=1, bias=False), bn2=nn.BatchNorm2d(16, eps=1e-3, momentum=0.01), relu2=nn.ReLU(),
        gap=nn.AdaptiveAvgPool2d(1), flat=nn.Flatten(), head=nn.Linear(16, 4)))


# --- depthwise-separable block -----------------------------------------------------------------------
def _dw_keras(keras):
    L = keras.layers
    x = inputs = keras.Input((16, 16, 3))
    x = L.ReLU()(L.BatchNormalization(name="stem_bn")(L.Conv2D(8, 3, padding="same", use_bias=False, name="stem")(x)))
    x = L.ReLU()(L.BatchNormalization(name="dw_bn")(L.DepthwiseConv2D(3, padding="same", use_bias=False, name="dw")(x)))
    x = L.ReLU()(L.BatchNormalization(name="pw_bn")(L.Conv2D(16, 1, use_bias=False, name="pw")(x)))
    x = L.GlobalAveragePooling2D()(x)
    return inputs, L.Dense(4, name="head")(x)


def _dw_torch(nn):
    def bn(c):
        return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)
    return nn.Sequential(_named(
        stem=nn.Conv2d(3, 8, 3, padding=1, bias=False), stem_bn=bn(8), relu1=nn.ReLU(),
        dw=nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False), dw_bn=bn(8), relu2=nn.ReLU(),
        pw=nn.Conv2d(8, 16, 1, bias=False), pw_bn=bn(16), relu3=nn.ReLU(),
        gap=nn.AdaptiveAvgPool2d(1), flat=nn.Flatten(), head=nn.Linear(16, 4)))


# --- LSTM and GRU --------------------------------------------------------------------------------------
def _rnn_keras(cell: str):
    def build(keras):
        x = inputs = keras.Input((10, 8))
        x = getattr(keras.layers, cell)(16, name="rnn")(x)
        return inputs, keras.layers.Dense(4, name="head")(x)
    return build


def _rnn_torch(cell: str):
    def build(nn):
        class Recurrent(nn.Module):
            def __init__(self):
                super().__init__()
                self.rnn = getattr(nn, cell)(8, 16, batch_first=True)
                self.head = nn.Linear(16, 4)

            def forward(self, x):
                out, _ = self.rnn(x)
                return self.head(out[:, -1])
        return Recurrent()
    return build


# --- transformer encoder block -------------------------------------------------------------------------
def _transformer_keras(keras):
    L = keras.layers
    x = inputs = keras.Input((10, 16))
    x = L.LayerNormalization(name="norm1")(L.Add()([x, L.MultiHeadAttention(2, 8, name="attn")(x, x)]))
    ff = L.Dense(16, name="ff2")(L.Dense(32, activation="relu", name="ff1")(x))
    x = L.LayerNormalization(name="norm2")(L.Add()([x, ff]))
    x = L.GlobalAveragePooling1D()(x)
    return inputs, L.Dense(4, name="head")(x)


def _transformer_torch(nn):
    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.attn = nn.MultiheadAttention(16, 2, batch_first=True)
            self.norm1 = nn.LayerNorm(16, eps=1e-3)  # Keras LayerNormalization default
            self.ff1 = nn.Linear(16, 32)
            self.ff2 = nn.Linear(32, 16)
            self.norm2 = nn.LayerNorm(16, eps=1e-3)
            self.head = nn.Linear(16, 4)

        def forward(self, x):
            x = self.norm1(x + self.attn(x, x, x, need_weights=False)[0])
            x = self.norm2(x + self.ff2(self.ff1(x).relu()))
            return self.head(x.mean(dim=1))
    return Encoder()


# --- ResNet-style block with strided convolutions and `same` padding ---------------------------------------
def _resnet_keras(keras):
    L = keras.layers
    x = inputs = keras.Input((16, 16, 3))
    x = L.ReLU()(L.BatchNormalization(name="stem_bn")(L.Conv2D(8, 3, strides=2, padding="same", use_bias=False, name="stem")(x)))
    y = L.ReLU()(L.BatchNormalization(name="bn_a")(L.Conv2D(16, 3, strides=2, padding="same", use_bias=False, name="conv_a")(x)))
    y = L.BatchNormalization(name="bn_b")(L.Conv2D(16, 3, padding="same", use_bias=False, name="conv_b")(y))
    shortcut = L.BatchNormalization(name="proj_bn")(L.Conv2D(16, 1, strides=2, use_bias=False, name="proj")(x))
    x = L.GlobalAveragePooling2D()(L.ReLU()(L.Add()([y, shortcut])))
    return inputs, L.Dense(4, name="head")(x)


def _resnet_torch(nn):
    def bn(c):
        return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)

    class ResNetBlock(nn.Module):
        def __init__(self):
            super().__init__()
            # 'same' at stride 2 on an even size pads 0 before and 1 after: not padding=1
            self.pad = nn.ZeroPad2d((0, 1, 0, 1))
            self.stem, self.stem_bn = nn.Conv2d(3, 8, 3, stride=2, bias=False), bn(8)
            self.conv_a, self.bn_a = nn.Conv2d(8, 16, 3, stride=2, bias=False), bn(16)
            self.conv_b, self.bn_b = nn.Conv2d(16, 16, 3, padding=1, bias=False), bn(16)
            self.proj, self.proj_bn = nn.Conv2d(8, 16, 1, stride=2, bias=False), bn(16)
            self.head = nn.Linear(16, 4)

        def forward(self, x):
            x = self.stem_bn(self.stem(self.pad(x))).relu()
            y = self.bn_a(self.conv_a(self.pad(x))).relu()
            y = self.bn_b(self.conv_b(y))
            x = (y + self.proj_bn(self.proj(x))).relu()
            return self.head(x.mean(dim=(2, 3)))
    return ResNetBlock()


# --- preprocessing and augmentation layers ------------------------------------------------------------------
def _augment_keras(keras):
    L = keras.layers
    x = inputs = keras.Input((16, 16, 3))
    x = L.Rescaling(1 / 2.0, offset=-0.25, name="rescale")(x)
    x = L.RandomFlip("horizontal", name="flip")(x)
    x = L.RandomRotation(0.1, name="rotate")(x)
    x = L.ReLU()(L.BatchNormalization(name="bn")(L.Conv2D(8, 3, padding="same", use_bias=False, name="conv")(x)))
    x = L.GlobalAveragePooling2D()(x)
    return inputs, L.Dense(4, name="head")(x)


def _augment_torch(nn):
    class Augmented(nn.Module):
        """Keras' random layers are the identity at inference; only the rescaling remains."""

        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 8, 3, padding=1, bias=False)
            self.bn = nn.BatchNorm2d(8, eps=1e-3, momentum=0.01)
            self.head = nn.Linear(8, 4)

        def forward(self, x):
            x = x / 2.0 - 0.25
            return self.head(self.bn(self.conv(x)).relu().mean(dim=(2, 3)))
    return Augmented()


# --- custom layers nested in custom layers, attention with key_dim * num_heads != embed_dim ---------------------
def _nested_keras(keras):
    L = keras.layers

    class FeedForward(L.Layer):
        def __init__(self, dim, hidden, **kwargs):
            super().__init__(**kwargs)
            self.inner, self.outer = L.Dense(hidden, activation="relu"), L.Dense(dim)

        def call(self, x):
            return self.outer(self.inner(x))

    class EncoderBlock(L.Layer):
        def __init__(self, dim, **kwargs):
            super().__init__(**kwargs)
            self.attention = L.MultiHeadAttention(num_heads=3, key_dim=4, value_dim=5)
            self.norm1, self.norm2 = L.LayerNormalization(), L.LayerNormalization()
            self.ffn = FeedForward(dim, 2 * dim)

        def call(self, x):
            x = self.norm1(x + self.attention(x, x))
            return self.norm2(x + self.ffn(x))

    x = inputs = keras.Input((10, 16))
    x = EncoderBlock(16, name="block_2")(EncoderBlock(16, name="block_1")(x))
    return inputs, L.Dense(4, name="head")(L.GlobalAveragePooling1D()(x))


def _nested_torch(nn):
    from sidebyside.tools.conversions.port_weights import KerasMultiHeadAttention

    class FeedForward(nn.Module):
        def __init__(self, dim, hidden):
            super().__init__()
            self.inner, self.outer = nn.Linear(dim, hidden), nn.Linear(hidden, dim)

        def forward(self, x):
            return self.outer(self.inner(x).relu())

    class EncoderBlock(nn.Module):
        def __init__(self, dim):
            super().__init__()
            # 3 heads of 4: nn.MultiheadAttention would need 3 * 4 == 16
            self.attention = KerasMultiHeadAttention(num_heads=3, key_dim=4, query_dim=dim, value_dim=5)
            self.norm1, self.norm2 = nn.LayerNorm(dim, eps=1e-3), nn.LayerNorm(dim, eps=1e-3)
            self.ffn = FeedForward(dim, 2 * dim)

        def forward(self, x):
            x = self.norm1(x + self.attention(x, x))
            return self.norm2(x + self.ffn(x))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.block_1, self.block_2, self.head = EncoderBlock(16), EncoderBlock(16), nn.Linear(16, 4)

        def forward(self, x):
            return self.head(self.block_2(self.block_1(x)).mean(dim=1))
    return Encoder()


# --- separable convolutions and `same` max pooling at odd sizes (13 -> 7 -> 4) -------------------------------
def _pool_keras(keras):
    L = keras.layers
    x = inputs = keras.Input((13, 13, 3))
    x = L.BatchNormalization(name="bn1")(L.Conv2D(8, 3, padding="same", use_bias=False, name="conv1")(x))
    x = L.MaxPooling2D(3, strides=2, padding="same")(x)  # no ReLU before: padding must lose to negative inputs
    x = L.BatchNormalization(name="bn2")(L.SeparableConv2D(16, 3, padding="same", use_bias=False, name="sep")(x))
    x = L.MaxPooling2D(3, strides=2, padding="same")(x)
    return inputs, L.Dense(4, name="head")(L.GlobalAveragePooling2D()(x))


def _pool_torch(nn):
    from sidebyside.tools.conversions.port_weights import SamePad2d, SeparableConv2d

    def bn(c):
        return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)

    def pool():
        # -inf, not zeros: Keras' max pooling never picks a padded position
        return nn.Sequential(SamePad2d(3, 2, value=float("-inf")), nn.MaxPool2d(3, 2))
    return nn.Sequential(_named(
        conv1=nn.Conv2d(3, 8, 3, padding=1, bias=False), bn1=bn(8), pool1=pool(),
        sep=SeparableConv2d(8, 16, 3, padding=1, bias=False), bn2=bn(16), pool2=pool(),
        gap=nn.AdaptiveAvgPool2d(1), flat=nn.Flatten(), head=nn.Linear(16, 4)))


FAMILIES: dict[str, Family] = {f.id: f for f in (
    Family("mlp", "MLP", (20,), _keras(_mlp_keras), _torch(_mlp_torch)),
    Family("cnn-bn", "CNN + batch norm", (16, 16, 3), _keras(_cnn_keras), _torch(_cnn_torch)),
    Family("depthwise", "Depthwise-separable", (16, 16, 3), _keras(_dw_keras), _torch(_dw_torch)),
    Family("lstm", "LSTM", (10, 8), _keras(_rnn_keras("LSTM")), _torch(_rnn_torch("LSTM"))),
    Family("gru", "GRU", (10, 8), _keras(_rnn_keras("GRU")), _torch(_rnn_torch("GRU"))),
    Family("transformer", "Transformer encoder block", (10, 16), _keras(_transformer_keras), _torch(_transformer_torch)),
    Family("resnet", "ResNet block, stride 2, `same`", (16, 16, 3), _keras(_resnet_keras), _torch(_resnet_torch)),
    Family("augment", "Rescaling + augmentation layers", (16, 16, 3), _keras(_augment_keras), _torch(_augment_torch)),
    Family("nested", "Nested custom layers, attention 3 × 4 ≠ 16", (10, 16), _keras(_nested_keras),
           _torch(_nested_torch)),
    Family("pool-odd", "Separable conv + `same` max pooling, odd sizes", (13, 13, 3), _keras(_pool_keras),
           _torch(_pool_torch)),
)}
