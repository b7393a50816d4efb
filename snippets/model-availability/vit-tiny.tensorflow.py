# title: A ViT-Tiny encoder from a config, no download: same parameter count
# Transformers 5 has no TensorFlow ViT and KerasHub cannot be installed beside
# tensorflow-cpu here (see the page), so this side is written with Keras layers.
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
HIDDEN, LAYERS, HEADS, MLP, PATCH, IMAGE = 192, 12, 3, 768, 16, 224  # ViT-Tiny/16
TOKENS = (IMAGE // PATCH) ** 2 + 1  # patches + [CLS]


class ClassTokenAndPosition(layers.Layer):
    """Prepend a learned [CLS] token and add learned position embeddings."""

    def build(self, input_shape):
        self.cls = self.add_weight(shape=(1, 1, HIDDEN), initializer="zeros")
        self.position = self.add_weight(
            shape=(1, TOKENS, HIDDEN), initializer="random_normal"
        )

    def call(self, patches):
        cls = keras.ops.repeat(self.cls, keras.ops.shape(patches)[0], axis=0)
        return keras.ops.concatenate([cls, patches], axis=1) + self.position


inputs = keras.Input((IMAGE, IMAGE, 3))
x = layers.Conv2D(HIDDEN, PATCH, strides=PATCH)(inputs)  # patch embedding
x = ClassTokenAndPosition()(layers.Reshape((TOKENS - 1, HIDDEN))(x))
for _ in range(LAYERS):  # pre-norm encoder blocks
    h = layers.LayerNormalization(epsilon=1e-12)(x)
    x = x + layers.MultiHeadAttention(HEADS, key_dim=HIDDEN // HEADS)(h, h)
    h = layers.LayerNormalization(epsilon=1e-12)(x)
    x = x + layers.Dense(HIDDEN)(layers.Dense(MLP, activation="gelu")(h))
outputs = layers.LayerNormalization(epsilon=1e-12)(x)
model = keras.Model(inputs, outputs)

print(f"parameters: {model.count_params():,}")
print("tokens out:", tuple(model(np.zeros((1, IMAGE, IMAGE, 3), "float32")).shape))
