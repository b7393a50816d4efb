# title: Post-training int8 quantization, dynamic range (weights only)
# differs: a LiteRT flatbuffer and a torch.save file are different formats, so sizes differ; the float accuracy matches and the changed predictions are counted
# same: ^float32 correct
# --- setup: imports and one scikit-learn MLP, its weights copied in ---
import contextlib
import io

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

# The same trained model in both halves: an MLP fitted by scikit-learn, weights copied
# in.
x, y = load_digits(return_X_y=True)
x = (x / 16.0).astype("float32")
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.25, random_state=0
)
mlp = MLPClassifier(hidden_layer_sizes=(64,), max_iter=200, random_state=0).fit(
    x_train, y_train
)
model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.set_weights(
    [mlp.coefs_[0], mlp.intercepts_[0], mlp.coefs_[1], mlp.intercepts_[1]]
)
# --- end setup ---


def convert(optimize):
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if optimize:
        converter.optimizations = [
            tf.lite.Optimize.DEFAULT
        ]  # int8 weights, float activations
    with contextlib.redirect_stdout(
        io.StringIO()
    ):  # the converter prints its temporary export
        return converter.convert()


def predict(flatbuffer):
    interpreter = Interpreter(
        model_content=flatbuffer
    )  # LiteRT's own runtime, no TensorFlow needed
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    interpreter.resize_tensor_input(inp["index"], x_test.shape)
    interpreter.allocate_tensors()
    interpreter.set_tensor(inp["index"], x_test)
    interpreter.invoke()
    weight_types = sorted(
        {
            d["dtype"].__name__
            for d in interpreter.get_tensor_details()
            if len(d["shape"]) == 2 and d["shape"][0] == 64
        }
    )
    return interpreter.get_tensor(out["index"]).argmax(1), weight_types


float_pred = model.predict(x_test, verbose=0).argmax(1)
float_model, int8_model = convert(False), convert(True)
print(f"float32 correct (framework): {np.sum(float_pred == y_test)} of {len(y_test)}")
print(f"float32 size: {len(float_model)} bytes")
pred, types = predict(int8_model)
print(
    f"int8 size:    {len(int8_model)} bytes ({len(int8_model) / len(float_model):.2f} "
    "of float)"
)
print("stored weight types:", types)
print(
    f"int8 correct: {np.sum(pred == y_test)} of {len(y_test)}; predictions that "
    f"changed: {np.sum(pred != float_pred)}"
)
