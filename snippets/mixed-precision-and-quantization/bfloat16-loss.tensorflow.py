# title: bfloat16 mixed precision changes the loss by less than 1%
# differs: bfloat16 kernels round at different points in each framework (third decimal of the bfloat16 loss); the float32 loss and the 1% check match
# same: ^logits dtype
# same: ^float32 loss
# same: ^relative difference
import keras
import numpy as np
from sklearn.datasets import load_digits

TOL = 1e-2  # relative; bfloat16 keeps 8 significant bits, about 2-3 decimal digits
# --- setup: the digits data and shared starting weights ---
x, y = load_digits(return_X_y=True)
x = (x[:256] / 16.0).astype("float32")
y = y[:256]
rng = np.random.default_rng(0)
weights = [
    rng.standard_normal((64, 64)).astype("float32") * 0.2,
    np.zeros(64, "float32"),
    rng.standard_normal((64, 10)).astype("float32") * 0.2,
    np.zeros(10, "float32"),
]
# --- end setup ---


def loss_with(policy):
    keras.mixed_precision.set_global_policy(policy)
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10),
        ]
    )
    model.set_weights(weights)
    logits = model(x)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, logits)
    return keras.backend.standardize_dtype(logits.dtype), float(loss)


dtype32, loss32 = loss_with("float32")
dtype16, loss16 = loss_with("mixed_bfloat16")
print("logits dtype:", dtype32, "vs", dtype16)
print(f"float32 loss:  {loss32:.6f}")
print(f"bfloat16 loss: {loss16:.3f}")
print(f"relative difference below {TOL:g}:", abs(loss16 - loss32) / loss32 < TOL)
