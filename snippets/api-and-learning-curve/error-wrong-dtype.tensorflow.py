# title: The same dtype mistakes: which framework stops, which one converts silently
# differs: each framework words its own error message, and a mistake one framework rejects the other may convert silently
# same: ^\d+\.
import textwrap

import keras
import numpy as np
import tensorflow as tf


def attempt(mistake, action):
    """Run one deliberate mistake and print what the reader would see."""
    print(mistake)
    try:
        result = action()
        print(
            f"  no error: result dtype {result.dtype.name},"
            f" values {np.round(np.asarray(result), 4).tolist()}"
        )
    except Exception as error:
        # Wrapped at spaces to fit the page; the words are the real message.
        message = f"{type(error).__name__}: {error}"
        print(
            textwrap.fill(
                message,
                64,
                initial_indent="  ",
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )


ints = tf.constant([1, 2])  # Python ints become int32 in TensorFlow
floats = tf.constant([0.5, 0.5])
attempt("1. int tensor + float tensor", lambda: ints + floats)

doubles = tf.constant([[1.0, 2.0]], dtype=tf.float64)
attempt("2. float64 matmul float32", lambda: tf.matmul(doubles, tf.ones((2, 1))))

layer = keras.layers.Dense(1, kernel_initializer="ones")
attempt(
    "3. integer batch into a float32 layer",
    lambda: layer(np.array([[1, 2]], dtype=np.int64)),
)
