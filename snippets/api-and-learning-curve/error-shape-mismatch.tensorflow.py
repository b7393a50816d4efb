# title: The same shape mistakes, and the error message each framework prints
# differs: each framework words its own error message; showing both messages side by side is the point of the pair
# same: ^\d+\.
import textwrap

import keras
import tensorflow as tf


def attempt(mistake, action):
    """Run one deliberate mistake and print what the reader would see."""
    print(mistake)
    try:
        result = action()
        print(f"  no error: result shape {tuple(result.shape)}")
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


a = tf.ones((2, 3))
b = tf.ones((2, 3))
attempt("1. matmul of (2, 3) by (2, 3)", lambda: tf.matmul(a, b))

layer = keras.layers.Dense(4)
layer(tf.ones((2, 3)))  # the layer is now built for 3 input features
attempt("2. a layer built for 3 features gets 5", lambda: layer(tf.ones((2, 5))))
