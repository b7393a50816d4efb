# title: Compiling traces the Python function once per input signature
import tensorflow as tf

traces = []


@tf.function
def scaled_sum(x):
    traces.append(x.shape)  # Python side effect: runs only while tracing
    return tf.reduce_sum(x * 2.0)


for _ in range(3):
    result = scaled_sum(tf.constant([1.0, 2.0, 3.0]))
print("result:", float(result))
print("traces after 3 calls with one shape:", len(traces))

scaled_sum(tf.constant([1.0, 2.0, 3.0, 4.0]))  # new shape -> new trace
print("traces after a new shape:", len(traces))
