"""Case studies of models published in PyTorch, ported to Keras 3. Written here from each published architecture.

Sizes are shrunk so that a study runs in about a second; module structure,
defaults and the order of operations follow the source. The Keras twins name
each layer after the module path it mirrors (``layer1.0.conv1`` ->
``layer1_0_conv1``), or nest layers under the same attribute names.
"""

from __future__ import annotations

import warnings
from collections import OrderedDict

import numpy as np

from sidebyside.tools.case_studies.study import Source, Study, image_inputs

VISION = "pytorch/vision"
BSD3 = "BSD-3-Clause"


def _conv(L, x, filters: int, kernel: int, stride: int, name: str, depthwise: bool = False):
    """PyTorch's Conv2d(padding=(k - 1) // 2, bias=False): explicit zero padding, then a 'valid' convolution."""
    if kernel > 1:
        x = L.ZeroPadding2D((kernel - 1) // 2)(x)
    if depthwise:
        return L.DepthwiseConv2D(kernel, strides=stride, use_bias=False, name=name)(x)
    return L.Conv2D(filters, kernel, strides=stride, use_bias=False, name=name)(x)


def _bn(L, x, name: str):
    """BatchNorm2d's defaults stated in Keras: eps=1e-5, and PyTorch's momentum 0.1 is Keras' 0.9."""
    return L.BatchNormalization(epsilon=1e-5, momentum=0.9, name=name)(x)


# --- CIFAR ResNet with basic blocks and batch norm ------------------------------------------------------------
WIDTHS, BLOCKS = (4, 8, 16, 32), (1, 1, 1, 1)


def _resnet_torch(nn):
    import torch.nn.functional as F

    def conv3x3(in_planes, out_planes, stride=1):
        return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)

    class BasicBlock(nn.Module):
        def __init__(self, in_planes, planes, stride=1):
            super().__init__()
            self.conv1, self.bn1 = conv3x3(in_planes, planes, stride), nn.BatchNorm2d(planes)
            self.conv2, self.bn2 = conv3x3(planes, planes), nn.BatchNorm2d(planes)
            self.shortcut = nn.Sequential()
            if stride != 1 or in_planes != planes:
                self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False),
                                              nn.BatchNorm2d(planes))

        def forward(self, x):
            out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
            return F.relu(out + self.shortcut(x))

    class ResNet(nn.Module):
        def __init__(self, num_classes=10):
            super().__init__()
            self.in_planes = WIDTHS[0]
            self.conv1, self.bn1 = conv3x3(3, WIDTHS[0]), nn.BatchNorm2d(WIDTHS[0])
            for i, (planes, n) in enumerate(zip(WIDTHS, BLOCKS, strict=True)):
                self.add_module(f"layer{i + 1}", self._make_layer(planes, n, 1 if i == 0 else 2))
            self.linear = nn.Linear(WIDTHS[-1], num_classes)

        def _make_layer(self, planes, num_blocks, stride):
            layers = []
            for s in [stride] + [1] * (num_blocks - 1):
                layers.append(BasicBlock(self.in_planes, planes, s))
                self.in_planes = planes
            return nn.Sequential(*layers)

        def forward(self, x):
            out = F.relu(self.bn1(self.conv1(x)))
            out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
            return self.linear(F.avg_pool2d(out, 4).view(out.size(0), -1))
    return ResNet()


def _resnet_keras(keras):
    L = keras.layers
    inputs = keras.Input(shape=(32, 32, 3))
    x = L.ReLU()(_bn(L, _conv(L, inputs, WIDTHS[0], 3, 1, "conv1"), "bn1"))
    in_planes = WIDTHS[0]
    for i, (planes, n) in enumerate(zip(WIDTHS, BLOCKS, strict=True)):
        for j, stride in enumerate([1 if i == 0 else 2] + [1] * (n - 1)):
            name = f"layer{i + 1}_{j}"
            out = L.ReLU()(_bn(L, _conv(L, x, planes, 3, stride, f"{name}_conv1"), f"{name}_bn1"))
            out = _bn(L, _conv(L, out, planes, 3, 1, f"{name}_conv2"), f"{name}_bn2")
            shortcut = x
            if stride != 1 or in_planes != planes:
                shortcut = _bn(L, _conv(L, x, planes, 1, stride, f"{name}_shortcut_0"), f"{name}_shortcut_1")
            x, in_planes = L.ReLU()(L.add([out, shortcut])), planes
    x = L.Flatten()(L.AveragePooling2D(4)(x))
    return keras.Model(inputs, L.Dense(10, name="linear")(x))


RESNET = Study(
    "cifar-resnet", "ResNet with basic blocks for CIFAR-10",
    Source("kuangliu/pytorch-cifar", "models/resnet.py", "0acfbc16e60efe8e4b6666196d4111206db29254", "MIT"),
    "torch-to-keras", ("ResNet with batch norm", "padding in the reverse direction"),
    ("padding=1 at stride 2 as ZeroPadding2D(1) + padding='valid' (Keras' 'same' pads differently)",
     "batch-norm epsilon=1e-5 and momentum=0.9 stated on the Keras side",
     "Keras names written from the module paths (layer2.0.shortcut.0 -> layer2_0_shortcut_0)"),
    _resnet_keras, _resnet_torch, image_inputs((32, 32, 3)))


# --- MobileNetV2: inverted residuals with depthwise convolutions and ReLU6 ----------------------------------------
SETTING = ((1, 8, 1, 1), (6, 8, 2, 2), (6, 16, 1, 2))  # (expand ratio t, channels c, repeats n, stride s)
STEM, LAST, CLASSES = 8, 32, 4


def _mobilenet_torch(nn):
    class ConvNormActivation(nn.Sequential):
        def __init__(self, inp, oup, kernel_size=3, stride=1, groups=1):
            super().__init__(nn.Conv2d(inp, oup, kernel_size, stride, (kernel_size - 1) // 2, groups=groups,
                                       bias=False), nn.BatchNorm2d(oup), nn.ReLU6(inplace=True))

    class InvertedResidual(nn.Module):
        def __init__(self, inp, oup, stride, expand_ratio):
            super().__init__()
            hidden = round(inp * expand_ratio)
            self.use_res_connect = stride == 1 and inp == oup
            layers = [ConvNormActivation(inp, hidden, kernel_size=1)] if expand_ratio != 1 else []
            layers += [ConvNormActivation(hidden, hidden, stride=stride, groups=hidden),
                       nn.Conv2d(hidden, oup, 1, 1, 0, bias=False), nn.BatchNorm2d(oup)]
            self.conv = nn.Sequential(*layers)

        def forward(self, x):
            return x + self.conv(x) if self.use_res_connect else self.conv(x)

    class MobileNetV2(nn.Module):
        def __init__(self):
            super().__init__()
            features, channels = [ConvNormActivation(3, STEM, stride=2)], STEM
            for t, c, n, s in SETTING:
                for i in range(n):
                    features.append(InvertedResidual(channels, c, s if i == 0 else 1, t))
                    channels = c
            features.append(ConvNormActivation(channels, LAST, kernel_size=1))
            self.features = nn.Sequential(*features)
            self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(LAST, CLASSES))

        def forward(self, x):
            x = nn.functional.adaptive_avg_pool2d(self.features(x), (1, 1))
            return self.classifier(x.flatten(1))
    return MobileNetV2()


def _mobilenet_keras(keras):
    L = keras.layers

    def conv_norm_act(x, filters, kernel, stride, name, depthwise=False):
        return L.ReLU(max_value=6.0)(_bn(L, _conv(L, x, filters, kernel, stride, f"{name}_0", depthwise), f"{name}_1"))

    inputs = keras.Input(shape=(16, 16, 3))
    x, channels, index = conv_norm_act(inputs, STEM, 3, 2, "features_0"), STEM, 1
    for t, c, n, s in SETTING:
        for i in range(n):
            stride, name, hidden, k = s if i == 0 else 1, f"features_{index}_conv", channels * t, 0
            y = x
            if t != 1:
                y, k = conv_norm_act(y, hidden, 1, 1, f"{name}_0"), 1
            y = conv_norm_act(y, hidden, 3, stride, f"{name}_{k}", depthwise=True)
            y = _bn(L, _conv(L, y, c, 1, 1, f"{name}_{k + 1}"), f"{name}_{k + 2}")
            x = L.add([x, y]) if stride == 1 and channels == c else y
            channels, index = c, index + 1
    x = conv_norm_act(x, LAST, 1, 1, f"features_{index}")
    x = L.Dropout(0.2)(L.GlobalAveragePooling2D()(x))
    return keras.Model(inputs, L.Dense(CLASSES, name="classifier_1")(x))


MOBILENET = Study(
    "mobilenet-v2", "MobileNetV2 (torchvision)",
    Source(VISION, "torchvision/models/mobilenetv2.py", "0256d651009f1c17faec52bb3ad6b5e35d04beb3", BSD3),
    "torch-to-keras", ("depthwise convolutions", "batch norm", "padding in the reverse direction"),
    ("Conv2d(groups=channels) as DepthwiseConv2D, kernel (c, 1, kh, kw) -> (kh, kw, c, 1)",
     "ReLU6 as ReLU(max_value=6)", "padding=1 as ZeroPadding2D(1) + 'valid', at stride 1 and 2 alike",
     "batch-norm epsilon=1e-5 and momentum=0.9 stated on the Keras side"),
    _mobilenet_keras, _mobilenet_torch, image_inputs((16, 16, 3)))


# --- word-level language model: embedding, one GRU, a decoder; sequence-first ----------------------------------
NTOKEN, NINP, NHID, STEPS = 20, 8, 12, 6


def _word_lm_torch(nn):
    import torch.nn.functional as F

    class RNNModel(nn.Module):
        def __init__(self, rnn_type="GRU", ntoken=NTOKEN, ninp=NINP, nhid=NHID, nlayers=1, dropout=0.5):
            super().__init__()
            self.ntoken, self.nhid, self.nlayers = ntoken, nhid, nlayers
            self.drop, self.encoder = nn.Dropout(dropout), nn.Embedding(ntoken, ninp)
            with warnings.catch_warnings():  # dropout between layers, of which there is one
                warnings.simplefilter("ignore", UserWarning)
                self.rnn = getattr(nn, rnn_type)(ninp, nhid, nlayers, dropout=dropout)
            self.decoder = nn.Linear(nhid, ntoken)
            nn.init.uniform_(self.encoder.weight, -0.1, 0.1)
            nn.init.uniform_(self.decoder.weight, -0.1, 0.1)

        def forward(self, input, hidden):
            output, hidden = self.rnn(self.drop(self.encoder(input)), hidden)
            decoded = self.decoder(self.drop(output)).view(-1, self.ntoken)
            return F.log_softmax(decoded, dim=1), hidden

        def init_hidden(self, bsz):
            return next(self.parameters()).new_zeros(self.nlayers, bsz, self.nhid)
    return RNNModel()


def _word_lm_keras(keras):
    L = keras.layers
    inputs = keras.Input(shape=(STEPS,), dtype="int32")
    x = L.Dropout(0.5)(L.Embedding(NTOKEN, NINP, name="encoder")(inputs))
    x = L.Dropout(0.5)(L.GRU(NHID, return_sequences=True, name="rnn")(x))  # reset_after=True, PyTorch's form
    return keras.Model(inputs, L.Activation(keras.activations.log_softmax)(L.Dense(NTOKEN, name="decoder")(x)))


def _word_lm_output(module, x):
    """The source's (steps * batch, ntoken) log-probabilities, back to Keras' (batch, steps, ntoken)."""
    out, _ = module(x, module.init_hidden(x.shape[1]))
    return out.view(x.shape[0], x.shape[1], -1).transpose(0, 1)


def _word_tokens(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.integers(0, NTOKEN, (2, STEPS))
    return x.astype("int32"), np.ascontiguousarray(x.T).astype("int64")  # PyTorch: (steps, batch)


WORD_LM = Study(
    "word-language-model", "Word-level language model with a GRU (pytorch/examples)",
    Source("pytorch/examples", "word_language_model/model.py", "001d493285083b54cacbc1334cb26338bdff2455", BSD3),
    "torch-to-keras", ("RNN text model (GRU gate order and biases)",),
    ("GRU gates (r, z, n) reordered to Keras' (z, r, h); both biases kept with reset_after=True",
     "the sequence-first input (steps, batch) transposed for Keras; the weights do not depend on it",
     "log-probabilities compared after undoing the source's view(-1, ntoken)",
     "the training step on the embedding's dense gradient: Keras' Adam moves a repeated token's row differently"),
    _word_lm_keras, _word_lm_torch, _word_tokens, torch_output=_word_lm_output)


# --- Vision Transformer: a class token and position embedding held as parameters, nn.MultiheadAttention --------
IMAGE, PATCH, HIDDEN, HEADS, MLP_DIM, LAYERS, VIT_CLASSES = 8, 4, 8, 2, 16, 2, 3
SEQ = (IMAGE // PATCH) ** 2 + 1


def _vit_torch(nn):
    import torch

    class EncoderBlock(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln_1 = nn.LayerNorm(HIDDEN, eps=1e-6)
            self.self_attention = nn.MultiheadAttention(HIDDEN, HEADS, dropout=0.0, batch_first=True)
            self.dropout, self.ln_2 = nn.Dropout(0.0), nn.LayerNorm(HIDDEN, eps=1e-6)
            self.mlp = nn.Sequential(nn.Linear(HIDDEN, MLP_DIM), nn.GELU(), nn.Dropout(0.0),
                                     nn.Linear(MLP_DIM, HIDDEN), nn.Dropout(0.0))

        def forward(self, inputs):
            x = self.ln_1(inputs)
            x, _ = self.self_attention(query=x, key=x, value=x, need_weights=False)
            x = self.dropout(x) + inputs
            return x + self.mlp(self.ln_2(x))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.pos_embedding = nn.Parameter(torch.empty(1, SEQ, HIDDEN).normal_(std=0.02))
            self.dropout = nn.Dropout(0.0)
            self.layers = nn.Sequential(OrderedDict((f"encoder_layer_{i}", EncoderBlock()) for i in range(LAYERS)))
            self.ln = nn.LayerNorm(HIDDEN, eps=1e-6)

        def forward(self, x):
            return self.ln(self.layers(self.dropout(x + self.pos_embedding)))

    class VisionTransformer(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv_proj = nn.Conv2d(3, HIDDEN, kernel_size=PATCH, stride=PATCH)
            # the source starts the class token at zeros and the head at zeros: random here, as after training
            self.class_token = nn.Parameter(torch.empty(1, 1, HIDDEN).normal_(std=0.02))
            self.encoder = Encoder()
            self.heads = nn.Sequential(OrderedDict(head=nn.Linear(HIDDEN, VIT_CLASSES)))

        def forward(self, x):
            n = x.shape[0]
            x = self.conv_proj(x).reshape(n, HIDDEN, -1).permute(0, 2, 1)
            x = self.encoder(torch.cat([self.class_token.expand(n, -1, -1), x], dim=1))
            return self.heads(x[:, 0])
    return VisionTransformer()


def _vit_keras(keras):
    L = keras.layers

    class EncoderBlock(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.ln_1 = L.LayerNormalization(epsilon=1e-6)
            self.self_attention = L.MultiHeadAttention(HEADS, key_dim=HIDDEN // HEADS)
            self.dropout, self.ln_2 = L.Dropout(0.0), L.LayerNormalization(epsilon=1e-6)
            self.mlp = keras.Sequential([L.Dense(MLP_DIM, activation="gelu", name="0"), L.Dropout(0.0),
                                         L.Dense(HIDDEN, name="3"), L.Dropout(0.0)])  # nn.GELU: the exact form

        def call(self, inputs):
            x = self.ln_1(inputs)
            x = self.dropout(self.self_attention(x, x)) + inputs
            return x + self.mlp(self.ln_2(x))

    class Encoder(L.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.pos_embedding = self.add_weight(shape=(1, SEQ, HIDDEN), name="pos_embedding")
            self.dropout = L.Dropout(0.0)
            self.layers = {f"encoder_layer_{i}": EncoderBlock() for i in range(LAYERS)}
            self.ln = L.LayerNormalization(epsilon=1e-6)

        def call(self, x):
            x = self.dropout(x + self.pos_embedding)
            for i in range(LAYERS):
                x = self.layers[f"encoder_layer_{i}"](x)
            return self.ln(x)

    class VisionTransformer(keras.Model):
        def __init__(self):
            super().__init__()
            self.conv_proj = L.Conv2D(HIDDEN, PATCH, strides=PATCH)
            self.class_token = self.add_weight(shape=(1, 1, HIDDEN), name="class_token")
            self.encoder = Encoder()
            self.heads = keras.Sequential([L.Dense(VIT_CLASSES, name="head")])

        def call(self, x):
            n = keras.ops.shape(x)[0]
            x = keras.ops.reshape(self.conv_proj(x), (n, -1, HIDDEN))
            token = keras.ops.broadcast_to(self.class_token, (n, 1, HIDDEN))
            return self.heads(self.encoder(keras.ops.concatenate([token, x], axis=1))[:, 0])

    model = VisionTransformer()
    model(np.zeros((1, IMAGE, IMAGE, 3), keras.config.floatx()))
    return model


VIT = Study(
    "vision-transformer", "Vision Transformer (torchvision)",
    Source(VISION, "torchvision/models/vision_transformer.py", "07a929e8b851242b1c75c9016ee06a8e502961d8", BSD3),
    "torch-to-keras", ("ViT-style model", "PyTorch model using nn.MultiheadAttention"),
    ("nn.MultiheadAttention's stacked in_proj_weight split into Keras' per-head query, key and value kernels",
     "the class token and position embedding, parameters held by containers, copied by path "
     "(class_token, encoder/pos_embedding)", "layer-norm eps=1e-6 and the exact GELU on the Keras side",
     "a subclassed Keras model that nests layers under the module's attribute names"),
    _vit_keras, _vit_torch, image_inputs((IMAGE, IMAGE, 3)))

STUDIES = (RESNET, MOBILENET, WORD_LM, VIT)
