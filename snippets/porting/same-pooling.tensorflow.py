# title: Max pooling with padding="same": pad with -inf, and compute the amounts for odd sizes too
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)


def summary(label, out):
    out = np.asarray(out)
    print(
        f"{label:34s} shape {out.shape[1]}x{out.shape[2]}  sum {out.sum():.8g}  "
        f"corner {out[0, -1, -1, 0]:.8g}"
    )


for size in (180, 45, 23):  # the sizes a 180x180 input reaches: 180 -> 90 -> 45 -> 23
    # mostly negative activations (after batch norm, before ReLU): here the padding
    # value matters
    x = (rng.normal(size=(1, size, size, 1)) - 2.0).astype("float32")
    same = tf.nn.max_pool2d(x, 3, 2, padding="SAME")
    summary(f"{size}: 'same' max pooling", same)
    # the zero-pad recipe for convolutions, applied to pooling: one zero row and column
    # after
    zero = tf.nn.max_pool2d(
        tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]]), 3, 2, padding="VALID"
    )
    if zero.shape == same.shape:
        print(
            f"{size}: zero pad (0, 1) instead: largest difference "
            f"{np.abs(zero - same).max():.8g}"
        )
    else:
        print(
            f"{size}: zero pad (0, 1) instead: shape {zero.shape[1]}x{zero.shape[2]}, "
            f"not {same.shape[1]}x{same.shape[2]}"
        )
