# title: Three Adam training steps from the same weights: same losses, same updated weights
# tolerance: 2e-5 (Keras adds epsilon before bias correction, PyTorch after; the page explains it)
import numpy as np
import keras
import tensorflow as tf

# --- setup: weights and data from NumPy, the same in both halves ---
# Weights and data come from NumPy, so both frameworks start from identical numbers.
rng = np.random.RandomState(42)
w1, b1 = (
    rng.normal(0, 0.5, (4, 3)).astype("float32"),
    rng.normal(0, 0.1, 3).astype("float32"),
)
w2, b2 = (
    rng.normal(0, 0.5, (3, 2)).astype("float32"),
    rng.normal(0, 0.1, 2).astype("float32"),
)
x = rng.normal(size=(5, 4)).astype("float32")
y = rng.normal(size=(5, 2)).astype("float32")
# --- end setup ---

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(3, activation="tanh"),
        keras.layers.Dense(2),
    ]
)
model.set_weights([w1, b1, w2, b2])  # Keras Dense kernel is (in, out): no transpose

# Keras' Adam epsilon defaults to 1e-7 and PyTorch's to 1e-8: set it explicitly.
optimizer = keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-8)
loss_fn = keras.losses.MeanSquaredError()


def train_step(inputs, targets):
    with tf.GradientTape() as tape:
        loss = loss_fn(targets, model(inputs, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


for step in range(1, 4):
    loss = train_step(x, y)
    print(f"step {step}: loss={loss.numpy():.8g}")

kernel1, bias1, kernel2, bias2 = (
    v.numpy().astype(float) for v in model.trainable_variables
)
print("layer 1 weights (in, out), row 0:", np.round(kernel1[0], 8).tolist())
print("layer 1 bias:", np.round(bias1, 8).tolist())
print("layer 2 weights (in, out):", np.round(kernel2, 8).tolist())
print("layer 2 bias:", np.round(bias2, 8).tolist())
