# title: Verify a port layer by layer: record every layer's output and compare the two lists, not just the final logits
import keras
import numpy as np

rng = np.random.default_rng(0)
# weights in Keras layout, shared by both halves
conv_kernel = rng.normal(0, 0.3, (3, 3, 2, 4)).astype("float32")  # (kh, kw, in, out)
bn = [
    rng.uniform(0.5, 1.5, 4),
    rng.normal(0, 0.2, 4),
    rng.normal(0, 0.5, 4),
    rng.uniform(0.5, 2, 4),
]
dense_kernel = rng.normal(0, 0.3, (4, 3)).astype("float32")  # (in, out)
x = rng.normal(0, 1, (2, 6, 6, 2)).astype("float32")  # NHWC

model = keras.Sequential(
    [
        keras.Input((6, 6, 2)),
        keras.layers.Conv2D(4, 3, padding="same", use_bias=False, name="conv"),
        keras.layers.BatchNormalization(name="bn"),
        keras.layers.ReLU(name="relu"),
        keras.layers.GlobalAveragePooling2D(name="pool"),
        keras.layers.Dense(3, name="head"),
    ]
)
model.get_layer("conv").set_weights([conv_kernel])
model.get_layer("bn").set_weights([w.astype("float32") for w in bn])
model.get_layer("head").set_weights([dense_kernel, np.zeros(3, "float32")])

# one model whose outputs are every layer's output
probe = keras.Model(model.inputs, [layer.output for layer in model.layers])
for layer, out in zip(model.layers, probe(x, training=False)):
    out = np.asarray(out)  # channels last already
    print(
        f"{layer.name:5s} shape {out.shape}  sum {out.sum():.8g}  max|.| "
        f"{np.abs(out).max():.8g}  "
        f"first",
        " ".join(f"{v:.8g}" for v in out.reshape(-1)[:3]),
    )
