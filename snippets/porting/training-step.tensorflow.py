# title: Check one training step of a port: augmentation and dropout off, batch-norm statistics held, a float64 reference for noise
# differs: a gradient that is zero in exact arithmetic is float32 noise, different in each framework; the float64 lines show it
# same: ^(loss|fc1 kernel grad|fc2 kernel grad|bn gamma grad|fc2 kernel after|moving mean held)
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
w1, b1 = rng.normal(0, 0.5, (6, 8)), rng.normal(0, 0.1, 8)  # Keras layout (in, out)
w2, b2 = rng.normal(0, 0.5, (8, 3)), np.zeros(3)
x, y = rng.normal(size=(16, 6)), rng.integers(0, 3, 16)


def build(dtype):
    L = keras.layers
    inputs = keras.Input((6,), dtype=dtype)
    h = L.GaussianNoise(0.1, name="noise", dtype=dtype)(
        inputs
    )  # augmentation inside the model
    h = L.Dense(8, name="fc1", dtype=dtype)(h)
    h = L.BatchNormalization(name="bn", dtype=dtype)(h)
    h = L.Dropout(0.5, name="drop", dtype=dtype)(L.ReLU(dtype=dtype)(h))
    model = keras.Model(inputs, L.Dense(3, name="fc2", dtype=dtype)(h))
    model.get_layer("fc1").set_weights([w1, b1])
    model.get_layer("fc2").set_weights([w2, b2])
    # the method: training=True must not switch on randomness or move the statistics
    model.get_layer("noise").stddev = 0.0  # augmentation off
    model.get_layer("drop").rate = 0.0  # dropout off
    model.get_layer(
        "bn"
    ).momentum = 1.0  # moving = moving * momentum + batch * (1 - momentum): held
    return model


def step(dtype):
    model = build(dtype)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    with tf.GradientTape() as tape:
        loss = loss_fn(
            y, model(x.astype(dtype), training=True)
        )  # batch statistics, as PyTorch's train()
    grads = dict(
        zip(
            [v.path for v in model.trainable_variables],
            tape.gradient(loss, model.trainable_variables),
        )
    )
    keras.optimizers.Adam(0.01, epsilon=1e-10).apply(
        list(grads.values()), model.trainable_variables
    )
    return model, float(loss), {k: np.asarray(g) for k, g in grads.items()}


def first(a, n=4):
    return " ".join(f"{v:.8g}" for v in np.ravel(a)[:n])


model, loss, grads = step("float32")
reference, _, grads64 = step("float64")
print(f"loss {loss:.8g}")
print(f"fc1 kernel grad {first(grads['fc1/kernel'])}")
print(f"fc2 kernel grad {first(grads['fc2/kernel'])}")
print(f"bn gamma grad {first(grads['bn/gamma'])}")
print(f"fc2 kernel after the step {first(model.get_layer('fc2').get_weights()[0])}")
print(f"moving mean held: {bool(np.all(model.get_layer('bn').get_weights()[2] == 0))}")
# batch norm subtracts the batch mean, so fc1's bias has no effect: its exact gradient
# is zero. Its size is noise that differs by framework and CPU: print bounds only.
grad32, grad64 = np.abs(grads["fc1/bias"]).max(), np.abs(grads64["fc1/bias"]).max()
print(f"fc1 bias grad, largest: float32 under 1e-6: {grad32 < 1e-6}, "
      f"float64 under 1e-12: {grad64 < 1e-12}")
moved32 = np.abs(model.get_layer("fc1").get_weights()[1] - b1).max()
moved64 = np.abs(reference.get_layer("fc1").get_weights()[1] - b1).max()
print(f"fc1 bias moved by Adam over half the learning rate (0.01) in float32: "
      f"{moved32 > 0.005}, under 1e-6 in float64: {moved64 < 1e-6}")
