# title: Which export formats each Keras backend reaches (Keras 3.15.1)
# differs: each backend reaches a different set of formats; the ok/fails lines are the result
# same: ^prediction
import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np

model = keras.Sequential([keras.Input((4,), name="features"), keras.layers.Dense(3)])
x = np.random.RandomState(0).normal(size=(2, 4)).astype("float32")
rng = np.random.RandomState(1)
model.set_weights(
    [rng.normal(size=(4, 3)).astype("float32"), rng.normal(size=(3,)).astype("float32")]
)
print(
    "prediction:", " ".join(f"{v:.8g}" for v in keras.ops.convert_to_numpy(model(x))[0])
)  # also calls the model once

TARGETS = {
    "tf_saved_model": "saved_model",
    "onnx": "model.onnx",
    "litert": "model.tflite",
    "torch": "model.pt2",
}
print("backend:", keras.backend.backend())
for fmt, path in TARGETS.items():
    try:
        model.export(path, format=fmt, verbose=False)
    except Exception as error:  # the message says what is missing or unsupported
        print(
            f"{fmt:15s} fails: {type(error).__name__}: "
            f"{str(error).splitlines()[0][:90]}"
        )
        continue
    print(f"{fmt:15s} ok")
