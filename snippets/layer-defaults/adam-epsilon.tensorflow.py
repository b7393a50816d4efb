# title: Adam epsilon: Keras 1e-7 added before bias correction, PyTorch 1e-8 added after; each can be made to act like the other
# tolerance: 2e-5 (the TensorFlow backend of Keras casts beta_2 through float32 in its bias correction, 0.999 -> 0.99900001)
import math

import tensorflow as tf

LR, BETA_2, STEPS = 0.001, 0.999, 3


def run(gradient, epsilon_for_step=None):
    """Move w by Adam with a constant gradient; return the move in learning rates."""
    w = tf.Variable(
        0.0, dtype=tf.float64
    )  # float64: the printed digits are Adam's, not rounding of w
    opt = tf.keras.optimizers.Adam(learning_rate=LR)  # default epsilon=1e-07
    for t in range(1, STEPS + 1):
        if epsilon_for_step:
            opt.epsilon = epsilon_for_step(t)
        opt.apply_gradients([(tf.constant(gradient, dtype=tf.float64), w)])
    return -float(w.numpy()) / LR


# Keras adds epsilon to sqrt(v) BEFORE bias correction, PyTorch AFTER it; at step t the
# two placements agree when keras_eps = torch_eps * sqrt(1 - beta_2**t).
def pytorch_placement(t):
    return 1e-8 * math.sqrt(1 - BETA_2**t)


for g in (1.0, 1e-7):
    print(
        f"gradient {g:.0e}: Keras default moves w by {run(g):.8g} lr,"
        f" PyTorch default moves w by {run(g, pytorch_placement):.8g} lr"
    )
