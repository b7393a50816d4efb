"""Case studies of models published in Keras, ported to PyTorch. Written here from each published architecture.

Sizes are shrunk so that a study runs in about a second; the layer structure,
defaults and the order of operations follow the source. Layers get explicit
names where the source leaves them automatic: Keras numbers automatic names
per process, and the helper pairs layers by name.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from sidebyside.tools.case_studies.study import Source, Study, image_inputs

KERAS_IO = "keras-team/keras-io"
APACHE = "Apache-2.0"


# --- text classification with a Transformer block: custom layers nested, 2 heads of key_dim = embed_dim --------
VOCAB, MAXLEN, EMBED, HEADS, FF = 50, 8, 8, 2, 8


def _text_keras(keras):
    L = keras.layers

    class TransformerBlock(L.Layer):
        def __init__(self, embed_dim, num_heads, ff_dim, rate=0.1, **kwargs):
            super().__init__(**kwargs)
            self.att = L.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
            self.ffn = keras.Sequential([L.Dense(ff_dim, activation="relu", name="hidden"), L.Dense(embed_dim, name="out")])
            self.layernorm1, self.layernorm2 = L.LayerNormalization(epsilon=1e-6), L.LayerNormalization(epsilon=1e-6)
            self.dropout1, self.dropout2 = L.Dropout(rate), L.Dropout(rate)

        def call(self, inputs):
            out1 = self.layernorm1(inputs + self.dropout1(self.att(inputs, inputs)))
            return self.layernorm2(out1 + self.dropout2(self.ffn(out1)))

    class TokenAndPositionEmbedding(L.Layer):
        def __init__(self, maxlen, vocab_size, embed_dim, **kwargs):
            super().__init__(**kwargs)
            self.token_emb = L.Embedding(input_dim=vocab_size, output_dim=embed_dim)
            self.pos_emb = L.Embedding(input_dim=maxlen, output_dim=embed_dim)

        def call(self, x):
            return self.token_emb(x) + self.pos_emb(keras.ops.arange(0, keras.ops.shape(x)[-1], 1))

    inputs = L.Input(shape=(MAXLEN,), dtype="int32")
    x = TokenAndPositionEmbedding(MAXLEN, VOCAB, EMBED, name="embedding")(inputs)
    x = L.GlobalAveragePooling1D()(TransformerBlock(EMBED, HEADS, FF, name="block")(x))
    x = L.Dropout(0.1)(L.Dense(20, activation="relu", name="hidden")(L.Dropout(0.1)(x)))
    return keras.Model(inputs, L.Dense(2, activation="softmax", name="classifier")(x))


def _text_torch(nn):
    import torch

    from sidebyside.tools.conversions.port_weights import KerasMultiHeadAttention

    class TokenAndPositionEmbedding(nn.Module):
        def __init__(self):
            super().__init__()
            self.token_emb, self.pos_emb = nn.Embedding(VOCAB, EMBED), nn.Embedding(MAXLEN, EMBED)

        def forward(self, x):
            return self.token_emb(x) + self.pos_emb(torch.arange(x.shape[-1]))

    class TransformerBlock(nn.Module):
        def __init__(self):
            super().__init__()
            # 2 heads of key_dim 8 project 8 features to 16: nn.MultiheadAttention cannot hold this
            self.att = KerasMultiHeadAttention(num_heads=HEADS, key_dim=EMBED, query_dim=EMBED)
            self.ffn = nn.Sequential(OrderedDict(hidden=nn.Linear(EMBED, FF), relu=nn.ReLU(), out=nn.Linear(FF, EMBED)))
            self.layernorm1, self.layernorm2 = nn.LayerNorm(EMBED, eps=1e-6), nn.LayerNorm(EMBED, eps=1e-6)
            self.dropout1, self.dropout2 = nn.Dropout(0.1), nn.Dropout(0.1)

        def forward(self, x):
            out1 = self.layernorm1(x + self.dropout1(self.att(x, x)))
            return self.layernorm2(out1 + self.dropout2(self.ffn(out1)))

    class Classifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding, self.block = TokenAndPositionEmbedding(), TransformerBlock()
            self.drop1, self.hidden, self.drop2 = nn.Dropout(0.1), nn.Linear(EMBED, 20), nn.Dropout(0.1)
            self.classifier = nn.Linear(20, 2)

        def forward(self, x):
            x = self.block(self.embedding(x)).mean(dim=1)
            return self.classifier(self.drop2(self.hidden(self.drop1(x)).relu())).softmax(dim=-1)
    return Classifier()


def _tokens(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.integers(0, VOCAB, (2, MAXLEN))
    return x.astype("int32"), x.astype("int64")


TEXT = Study(
    "text-transformer", "Text classification with a Transformer block",
    Source(KERAS_IO, "examples/nlp/text_classification_with_transformer.py",
           "1909c6710cd3f5af6401f1176dcee9e26781b4f3", APACHE),
    "keras-to-torch", ("Transformer encoder with custom nested layers", "non-square attention"),
    ("KerasMultiHeadAttention as the PyTorch twin: num_heads * key_dim = 16 != 8 features",
     "custom layers paired by attribute path (embedding/token_emb, block/ffn/hidden)",
     "layer-norm epsilon 1e-6 stated on the PyTorch side",
     "the training step on the embedding's dense gradient: Keras' Adam moves a repeated token's row differently"),
    _text_keras, _text_torch, _tokens)


# --- mini-Xception for images: separable convs, `same` max pooling reaching odd sizes (20 -> 10 -> 5 -> 3 -> 2) -----
SIZES = (8, 12, 16, 24)


def _xception_keras(keras):
    L = keras.layers
    inputs = keras.Input(shape=(20, 20, 3))
    x = L.Rescaling(1.0 / 255)(inputs)
    x = L.Activation("relu")(L.BatchNormalization(name="entry_bn1")(
        L.Conv2D(8, 3, strides=2, padding="same", name="entry_conv1")(x)))
    x = L.Activation("relu")(L.BatchNormalization(name="entry_bn2")(
        L.Conv2D(8, 3, padding="same", name="entry_conv2")(x)))
    previous = x
    for i, size in enumerate(SIZES):
        x = L.Activation("relu")(x)
        x = L.BatchNormalization(name=f"block{i}_bn1")(L.SeparableConv2D(size, 3, padding="same", name=f"block{i}_sep1")(x))
        x = L.Activation("relu")(x)
        x = L.BatchNormalization(name=f"block{i}_bn2")(L.SeparableConv2D(size, 3, padding="same", name=f"block{i}_sep2")(x))
        x = L.MaxPooling2D(3, strides=2, padding="same")(x)
        residual = L.Conv2D(size, 1, strides=2, padding="same", name=f"block{i}_residual")(previous)
        x = previous = L.add([x, residual])
    x = L.Activation("relu")(L.BatchNormalization(name="exit_bn")(L.SeparableConv2D(32, 3, padding="same", name="exit_sep")(x)))
    x = L.Dropout(0.5)(L.GlobalAveragePooling2D()(x))
    return keras.Model(inputs, L.Dense(1, activation="sigmoid", name="classifier")(x))


def _xception_torch(nn):
    from sidebyside.tools.conversions.port_weights import SamePad2d, SeparableConv2d

    def bn(c):
        return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)

    class MiniXception(nn.Module):
        def __init__(self):
            super().__init__()
            self.entry_pad = SamePad2d(3, 2)  # stride 2: zeros after on even sizes, computed per size
            self.entry_conv1, self.entry_bn1 = nn.Conv2d(3, 8, 3, stride=2), bn(8)
            self.entry_conv2, self.entry_bn2 = nn.Conv2d(8, 8, 3, padding=1), bn(8)
            self.pool_pad = SamePad2d(3, 2, value=float("-inf"))  # max pooling: -inf, never zeros
            self.pool = nn.MaxPool2d(3, 2)
            before = 8
            for i, size in enumerate(SIZES):
                self.add_module(f"block{i}_sep1", SeparableConv2d(before, size, 3, padding=1))
                self.add_module(f"block{i}_bn1", bn(size))
                self.add_module(f"block{i}_sep2", SeparableConv2d(size, size, 3, padding=1))
                self.add_module(f"block{i}_bn2", bn(size))
                self.add_module(f"block{i}_residual", nn.Conv2d(before, size, 1, stride=2))
                before = size
            self.exit_sep, self.exit_bn = SeparableConv2d(before, 32, 3, padding=1), bn(32)
            self.drop, self.classifier = nn.Dropout(0.5), nn.Linear(32, 1)

        def forward(self, x):
            x = self.entry_bn1(self.entry_conv1(self.entry_pad(x / 255))).relu()
            x = previous = self.entry_bn2(self.entry_conv2(x)).relu()
            for i in range(len(SIZES)):
                block = lambda name: getattr(self, f"block{i}_{name}")  # noqa: B023, E731
                x = block("bn1")(block("sep1")(x.relu()))
                x = block("bn2")(block("sep2")(x.relu()))
                x = previous = self.pool(self.pool_pad(x)) + block("residual")(previous)
            x = self.exit_bn(self.exit_sep(x)).relu().mean(dim=(2, 3))
            return self.classifier(self.drop(x)).sigmoid()
    return MiniXception()


XCEPTION = Study(
    "mini-xception", "Image classification from scratch (a small Xception)",
    Source(KERAS_IO, "examples/vision/image_classification_from_scratch.py",
           "0e918412690b44285f82f699ce19d919fb14cee2", APACHE),
    "keras-to-torch", ("CNN with same-padded max pooling at odd sizes", "separable convolutions", "batch norm",
                       "preprocessing layer (Rescaling)"),
    ("SamePad2d before the stride-2 convolution (asymmetric on even sizes)",
     "SamePad2d(value=-inf) before each max pooling: the pooled sizes 5 and 3 are odd",
     "SeparableConv2d twin for SeparableConv2D", "batch-norm eps=1e-3, momentum=0.01 stated",
     "Rescaling(1/255) written into forward"),
    _xception_keras, _xception_torch, image_inputs((20, 20, 3), 255.0))


# --- MLP-Mixer with the augmentation pipeline inside the model ------------------------------------------------
IMAGE, PATCH, EMB, BLOCKS, CLASSES = 16, 4, 8, 2, 5
NUM_PATCHES = (IMAGE // PATCH) ** 2


def _mixer_keras(keras):
    L = keras.layers
    gelu = L.Activation(lambda x: keras.activations.gelu(x, approximate=True))  # the source's tfa GELU: tanh form

    class Patches(L.Layer):
        def call(self, images):
            patches = keras.ops.image.extract_patches(images, PATCH, strides=PATCH, padding="valid")
            return keras.ops.reshape(patches, (keras.ops.shape(images)[0], NUM_PATCHES, PATCH * PATCH * 3))

    class MLPMixerLayer(L.Layer):
        def __init__(self, num_patches, hidden_units, dropout_rate=0.2, **kwargs):
            super().__init__(**kwargs)
            self.mlp1 = keras.Sequential([L.Dense(num_patches, name="fc1"), gelu, L.Dense(num_patches, name="fc2"),
                                          L.Dropout(dropout_rate)])
            self.mlp2 = keras.Sequential([L.Dense(num_patches, name="fc1"), gelu, L.Dense(hidden_units, name="fc2"),
                                          L.Dropout(dropout_rate)])
            self.normalize = L.LayerNormalization(epsilon=1e-6)

        def call(self, inputs):
            x = self.normalize(inputs)
            x = keras.ops.swapaxes(self.mlp1(keras.ops.swapaxes(x, 1, 2)), 1, 2) + inputs
            return x + self.mlp2(self.normalize(x))

    augmentation = keras.Sequential([L.Normalization(name="normalization"), L.Resizing(IMAGE, IMAGE),
                                     L.RandomFlip("horizontal"), L.RandomZoom(0.2, 0.2)], name="data_augmentation")
    augmentation.layers[0].adapt(np.random.default_rng(7).uniform(0, 255, (16, 12, 12, 3)).astype(keras.config.floatx()))
    inputs = L.Input(shape=(12, 12, 3))
    x = L.Dense(EMB, name="embed")(Patches()(augmentation(inputs)))
    blocks = keras.Sequential([MLPMixerLayer(NUM_PATCHES, EMB, 0.2, name=f"mixer_{i}") for i in range(BLOCKS)],
                              name="blocks")
    x = L.Dropout(0.2)(L.GlobalAveragePooling1D()(blocks(x)))
    return keras.Model(inputs, L.Dense(CLASSES, name="classifier")(x))


def _mixer_torch(nn):
    import torch
    import torch.nn.functional as F

    class Normalize(nn.Module):
        """Keras' adapted Normalization: (x - mean) / max(sqrt(var), 1e-7), per channel."""

        def __init__(self, channels):
            super().__init__()
            self.register_buffer("mean", torch.zeros(channels))
            self.register_buffer("var", torch.ones(channels))

        def forward(self, x):
            shape = (1, -1, 1, 1)
            return (x - self.mean.view(shape)) / self.var.sqrt().clamp(min=1e-7).view(shape)

    def mlp(hidden, out):
        return nn.Sequential(OrderedDict(fc1=nn.Linear(hidden, NUM_PATCHES), gelu=nn.GELU(approximate="tanh"),
                                         fc2=nn.Linear(NUM_PATCHES, out), drop=nn.Dropout(0.2)))

    class MLPMixerLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.mlp1, self.mlp2 = mlp(NUM_PATCHES, NUM_PATCHES), mlp(EMB, EMB)
            self.normalize = nn.LayerNorm(EMB, eps=1e-6)

        def forward(self, inputs):
            x = self.mlp1(self.normalize(inputs).transpose(1, 2)).transpose(1, 2) + inputs
            return x + self.mlp2(self.normalize(x))

    class Mixer(nn.Module):
        def __init__(self):
            super().__init__()
            self.data_augmentation = nn.Sequential(OrderedDict(normalization=Normalize(3)))
            self.embed = nn.Linear(PATCH * PATCH * 3, EMB)
            self.blocks = nn.Sequential(OrderedDict((f"mixer_{i}", MLPMixerLayer()) for i in range(BLOCKS)))
            self.drop, self.classifier = nn.Dropout(0.2), nn.Linear(EMB, CLASSES)

        def forward(self, x):
            # the random flip and zoom are the identity at inference: only normalisation and resizing remain
            x = F.interpolate(self.data_augmentation(x), size=(IMAGE, IMAGE), mode="bilinear", align_corners=False)
            b, c, n = x.shape[0], x.shape[1], IMAGE // PATCH
            # Keras' extract_patches orders each patch's values (row, column, channel)
            patches = x.reshape(b, c, n, PATCH, n, PATCH).permute(0, 2, 4, 3, 5, 1).reshape(b, n * n, -1)
            return self.classifier(self.drop(self.blocks(self.embed(patches)).mean(dim=1)))
    return Mixer()


def _register_normalization() -> None:
    from sidebyside.tools.conversions.port_weights import register

    register("Normalization", "Normalize",
             to_torch=lambda arrays, layer, module: {"mean": arrays[0].reshape(-1), "var": arrays[1].reshape(-1)},
             to_keras=lambda state, layer, module: [state["mean"].reshape(layer.get_weights()[0].shape),
                                                    state["var"].reshape(layer.get_weights()[1].shape),
                                                    *layer.get_weights()[2:]])


MIXER = Study(
    "mlp-mixer", "MLP-Mixer for image classification, augmentation layers inside the model",
    Source(KERAS_IO, "examples/vision/mlp_image_classification.py", "113db01506a663bc2622cb813ad4d1a82af1eec2", APACHE),
    "keras-to-torch", ("ViT- or Mixer-style model", "preprocessing and augmentation layers inside the model"),
    ("a rule registered at run time for the adapted Normalization layer and a small PyTorch Normalize module",
     "RandomFlip and RandomZoom dropped on the PyTorch side (the identity at inference); Resizing is "
     "F.interpolate(bilinear, align_corners=False)",
     "patches reordered to Keras' (row, column, channel) order", "GELU in its tanh form, as the source's",
     "the augmentation layers switched off for the training step"),
    _mixer_keras, _mixer_torch, image_inputs((12, 12, 3), 255.0), register=_register_normalization)


# --- sequence-to-sequence addition with two LSTMs --------------------------------------------------------------
CHARS, QUESTION, ANSWER, UNITS = 12, 7, 4, 16


def _addition_keras(keras):
    L = keras.layers
    return keras.Sequential([
        L.Input(shape=(QUESTION, CHARS)), L.LSTM(UNITS, name="encoder"), L.RepeatVector(ANSWER),
        L.LSTM(UNITS, return_sequences=True, name="decoder"), L.Dense(CHARS, activation="softmax", name="classifier")])


def _addition_torch(nn):
    class Addition(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.LSTM(CHARS, UNITS, batch_first=True)
            self.decoder = nn.LSTM(UNITS, UNITS, batch_first=True)
            self.classifier = nn.Linear(UNITS, CHARS)
            # Keras trains one LSTM bias; PyTorch's two would both move, twice as far in sum: train one only
            for lstm in (self.encoder, self.decoder):
                lstm.bias_hh_l0.requires_grad_(False)

        def forward(self, x):
            _, (h, _) = self.encoder(x)
            out, _ = self.decoder(h[-1].unsqueeze(1).repeat(1, ANSWER, 1))
            return self.classifier(out).softmax(dim=-1)
    return Addition()


def _one_hot(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = np.eye(CHARS, dtype="float32")[rng.integers(0, CHARS, (2, QUESTION))]
    return x, x.copy()


ADDITION = Study(
    "addition-rnn", "Learning to add numbers with a sequence-to-sequence LSTM",
    Source(KERAS_IO, "examples/nlp/addition_rnn.py", "0e2325b31f291531990c55fec009feee850b6ca9", APACHE),
    "keras-to-torch", ("RNN text model (LSTM gate order and biases)",),
    ("LSTM: same gate order; Keras' one bias goes to bias_ih, bias_hh is zero",
     "bias_hh frozen (requires_grad_(False)) to train like Keras: otherwise both biases move and their sum "
     "moves further than Keras' one bias",
     "RepeatVector written as h[-1].unsqueeze(1).repeat(...)"),
    _addition_keras, _addition_torch, _one_hot)

STUDIES = (TEXT, XCEPTION, MIXER, ADDITION)
