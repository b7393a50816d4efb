# title: Printing inside compiled code: print and tf.print in tf.function, print in torch.compile
# differs: tf.function runs Python print only while tracing, torch.compile splits its graph at print and runs it on every call
# same: ^call returned:
import sys

import tensorflow as tf


@tf.function
def step(x):
    # Plain Python: runs once, while tf.function traces the graph.
    print("print    sees:", x)
    # A graph op: runs on every call, with the real value.
    tf.print("tf.print sees:", x, output_stream=sys.stdout)
    return x * 2.0 + 1.0


for value in (1.0, 2.0, 3.0):
    out = step(tf.constant([value]))
    print("call returned:", out.numpy().tolist())

print("traces:", step.experimental_get_tracing_count())
