# title: Which export formats each Keras backend reaches (Keras 3.15.1)
# differs: each backend reaches a different set of formats; the table of ok/fails lines is the result
import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np

model = keras.Sequential([keras.Input((4,), name="features"), keras.layers.Dense(3)])
x = np.random.RandomState(0).normal(size=(2, 4)).astype("float32")
model(x)  # exporters need a model that has been called once

TARGETS = {"tf_saved_model": "saved_model", "onnx": "model.onnx", "litert": "model.tflite", "torch": "model.pt2"}
print("backend:", keras.backend.backend())
for fmt, path in TARGETS.items():
    try:
        model.export(path, format=fmt, verbose=False)
    except Exception as error:  # the message says what is missing or unsupported
        print(f"{fmt:15s} fails: {type(error).__name__}: {str(error).splitlines()[0][:90]}")
        continue
    print(f"{fmt:15s} ok")
