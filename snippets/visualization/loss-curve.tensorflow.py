# title: Log the training and validation loss per epoch, then read the event files back
import numpy as np
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

# --- setup: seeded data and a model with the same starting weights ---
tf.keras.utils.set_random_seed(0)
rng = np.random.RandomState(0)
x = rng.normal(size=(64, 3)).astype("float32")
y = (x @ np.array([[1.5], [-2.0], [0.5]], "float32") + 0.3).astype("float32")
x_train, y_train, x_val, y_val = x[:48], y[:48], x[48:], y[48:]
w0 = rng.normal(scale=0.1, size=(3, 1)).astype(
    "float32"
)  # same start weights in both halves

model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.layers[0].set_weights([w0, np.zeros(1, "float32")])
# --- end setup ---
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
# The Keras callback writes logs/train and logs/validation: two runs in TensorBoard.
tensorboard = tf.keras.callbacks.TensorBoard(log_dir="logs", write_graph=False)
model.fit(
    x_train,
    y_train,
    batch_size=48,
    epochs=5,
    shuffle=False,
    validation_data=(x_val, y_val),
    callbacks=[tensorboard],
    verbose=0,
)

for run in ("train", "validation"):
    events = EventAccumulator(f"logs/{run}")
    events.Reload()
    # TF2 stores scalars as tensor summaries, so they are listed under 'tensors'.
    values = [
        (e.step, float(tf.make_ndarray(e.tensor_proto)))
        for e in events.Tensors("epoch_loss")
    ]
    print(run, "epoch_loss:", ", ".join(f"{step}:{v:.8g}" for step, v in values))
