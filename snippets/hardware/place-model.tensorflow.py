# title: Putting a model's weights on a device
import numpy as np
import tensorflow as tf

device = "/GPU:0" if tf.config.list_logical_devices("GPU") else "/CPU:0"
with tf.device(
    device
):  # variables are created on the device in scope when the model is built
    model = tf.keras.Sequential(
        [
            tf.keras.Input((4,)),
            tf.keras.layers.Dense(3, activation="relu"),
            tf.keras.layers.Dense(2),
        ]
    )
types = [tf.DeviceSpec.from_string(w.value.device).device_type for w in model.weights]
print("weights:", len(types), "on", sorted(set(types)))
rng = np.random.default_rng(0)
for w, shape in zip(model.weights, [(4, 3), (3,), (3, 2), (2,)]):
    w.assign(rng.standard_normal(shape).astype("float32"))
out = model(np.ones((1, 4), "float32"))
print("output device:", tf.DeviceSpec.from_string(out.device).device_type)
print("output:", np.round(out.numpy().astype("float64"), 8).tolist())
