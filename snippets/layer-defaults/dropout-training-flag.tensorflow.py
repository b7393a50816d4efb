# title: Dropout on or off: Keras decides per call (training=), PyTorch per module state (.train()/.eval())
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
x = np.ones((1, 1000), dtype="float32")
drop = tf.keras.layers.Dropout(0.5)


def describe(label, y):
    y = np.asarray(y)
    kept = y[y != 0]
    changed = not np.array_equal(y, x)
    values = sorted(set(kept.round(4).tolist()))
    print(f"{label:34s} changed: {changed!s:5s} kept values: {values}")


# A Keras layer called plainly runs in inference mode: dropout is off.
describe("plain call, Keras semantics", drop(x))
# A fresh PyTorch module is in training mode: dropout is on. In Keras, ask for it per
# call.
describe("plain call, PyTorch semantics", drop(x, training=True))
# model.fit() passes training=True for you; model.predict() and model(x) do not.
model = tf.keras.Sequential(
    [
        tf.keras.Input((1000,)),
        tf.keras.layers.Dense(
            1000, kernel_initializer="identity", bias_initializer="zeros"
        ),
        tf.keras.layers.Dropout(0.5),
    ]
)
describe("model, inference mode", model(x))
describe("model, training mode", model(x, training=True))
