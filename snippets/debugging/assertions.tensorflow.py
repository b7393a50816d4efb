# title: Runtime assertions: tf.debugging.assert_* and torch._check, torch.testing, plain assert
# differs: the two frameworks raise different exception types with differently worded messages
# same: ^(?:all finite|compiled call 1):
import textwrap

import tensorflow as tf

x = tf.constant([[1.0, -2.0], [3.0, 4.0]])


def show(label, check):
    try:
        check()
        print(f"{label}: passed")
    except (tf.errors.InvalidArgumentError, ValueError) as e:
        text = e.message if hasattr(e, "message") else str(e)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # Errors raised inside a graph name the failing node and carry the message
        # further down.
        picked = [
            line
            for line in lines
            if line.startswith(("Detected at node", "assertion failed"))
        ] or lines[:1]
        print(f"{label}: {type(e).__name__}:")
        for line in picked:
            # Wrapped at spaces to fit the page; the words are the real message.
            print(
                textwrap.fill(line, 88, initial_indent="    ", subsequent_indent="    ")
            )


show("shape is (N, 3)", lambda: tf.debugging.assert_shapes([(x, ("N", 3))]))
show(
    "all >= 0",
    lambda: tf.debugging.assert_non_negative(x, message="inputs must be >= 0"),
)
show(
    "close to 1e-3",
    lambda: tf.debugging.assert_near(x, x + 1e-2, atol=1e-3, message="drifted"),
)
show(
    "all finite",
    lambda: tf.debugging.assert_all_finite(x, message="NaN or Inf in inputs"),
)


@tf.function
def safe_sqrt(t):
    # Inside tf.function the assertion is a graph op: it checks every call.
    tf.debugging.assert_non_negative(t, message="safe_sqrt needs t >= 0")
    return tf.sqrt(t)


print("compiled call 1:", safe_sqrt(tf.constant([4.0, 9.0])).numpy().tolist())
show("compiled call 2", lambda: safe_sqrt(tf.constant([4.0, -9.0])))
