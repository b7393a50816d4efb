# title: The same rank mistakes (a missing batch or channel axis) in both frameworks
# differs: each framework words its own error message, and PyTorch accepts some unbatched inputs that Keras rejects
# same: ^\d+\.
import textwrap

import keras
import numpy as np


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


conv = keras.layers.Conv2D(8, 3)  # Keras images are (batch, height, width, channels)
attempt(
    "1. one RGB image without its batch axis",
    lambda: conv(np.zeros((28, 28, 3), "float32")),
)
attempt(
    "2. a grayscale image with no batch or channel axis",
    lambda: conv(np.zeros((28, 28), "float32")),
)

dense = keras.layers.Dense(4)
attempt(
    "3. one feature vector without its batch axis",
    lambda: dense(np.zeros((3,), "float32")),
)
