# title: One training step (SGD with momentum), written in the framework itself (no Keras model)
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
x = rng.normal(size=(8, 3)).astype("float32")
y = rng.normal(size=(8, 1)).astype("float32")
w = tf.Variable(rng.normal(size=(3, 1)).astype("float32"))  # state lives in variables
b = tf.Variable(np.zeros(1, "float32"))
optimizer = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9)


@tf.function  # traced into a graph, like jax.jit
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((x @ w + b - y) ** 2)
    optimizer.apply(
        tape.gradient(loss, [w, b]), [w, b]
    )  # updates the variables in place
    return loss


for step in range(1, 4):
    loss = train_step(x, y)
    print(f"step {step}: loss {float(loss):.8g}")
print(
    "w:", " ".join(f"{v:.8g}" for v in w.numpy().ravel()), " b:", f"{float(b[0]):.8g}"
)
