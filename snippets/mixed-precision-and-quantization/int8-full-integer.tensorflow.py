# title: Post-training int8 quantization, full integer (calibrated activations)
# differs: a LiteRT flatbuffer and a torch.save file differ in size, and each calibrates its own activation ranges; the float accuracy matches
# same: ^float32 correct
# --- setup: imports and one scikit-learn MLP, its weights copied in ---
import contextlib
import io

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter, OpResolverType
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

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

converter = tf.lite.TFLiteConverter.from_keras_model(model)
converter.optimizations = [tf.lite.Optimize.DEFAULT]
converter.representative_dataset = lambda: (
    [x_train[i : i + 1]] for i in range(200)
)  # calibration data
converter.target_spec.supported_ops = [
    tf.lite.OpsSet.TFLITE_BUILTINS_INT8
]  # fail rather than fall back to float
converter.inference_input_type = tf.int8
converter.inference_output_type = tf.int8
with contextlib.redirect_stdout(
    io.StringIO()
):  # the converter prints its temporary export
    flatbuffer = converter.convert()

# Without the default XNNPACK delegate, so the operator list below is the model's own.
interpreter = Interpreter(
    model_content=flatbuffer,
    experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
)
inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
interpreter.resize_tensor_input(inp["index"], x_test.shape)
interpreter.allocate_tensors()
scale, zero_point = inp["quantization"]  # the caller quantizes the input itself
interpreter.set_tensor(
    inp["index"],
    np.clip(np.round(x_test / scale + zero_point), -128, 127).astype(np.int8),
)
interpreter.invoke()
pred = interpreter.get_tensor(out["index"]).argmax(1)
float_pred = model.predict(x_test, verbose=0).argmax(1)
print(f"float32 correct (framework): {np.sum(float_pred == y_test)} of {len(y_test)}")
print("input and output types:", inp["dtype"].__name__, out["dtype"].__name__)
print(f"int8 size: {len(flatbuffer)} bytes")
print("operators:", sorted({op["op_name"] for op in interpreter._get_ops_details()}))
print(
    f"int8 correct: {np.sum(pred == y_test)} of {len(y_test)}; predictions that "
    f"changed: {np.sum(pred != float_pred)}"
)
