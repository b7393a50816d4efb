# title: Switching compilation off to debug: tf.config.run_functions_eagerly and torch.compiler.set_stance
import tensorflow as tf


@tf.function
def step(x):
    if tf.executing_eagerly():
        # Only reachable eagerly: here .numpy(), print() or breakpoint() see real
        # values.
        print("  Python sees the value:", x.numpy().tolist())
    return x * 2.0, tf.constant(tf.executing_eagerly())


def call_twice(label):
    print(label)
    for value in (1.0, 2.0):
        out, eager = step(tf.constant([value]))
        print(f"  result {out.numpy().tolist()}, ran eagerly: {bool(eager)}")


call_twice("compiled (default):")
# debugging switch: the same function, run op by op
tf.config.run_functions_eagerly(True)
call_twice("debugging switch on:")
tf.config.run_functions_eagerly(False)  # switch it back before measuring speed
call_twice("switch off again:")
