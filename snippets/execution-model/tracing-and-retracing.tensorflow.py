# title: Compiling traces the Python function once per input signature
# differs: by default TensorFlow traces again for every new shape; PyTorch compiles one dynamic-shape graph after the first change
# same: ^result:
# same: ^traces after 3 calls with one shape:
# same: ^traces after a new shape:
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
scaled_sum(tf.constant([1.0, 2.0, 3.0, 4.0, 5.0]))  # and again for every new shape
print("traces after a third shape:", len(traces))


# Opt in to one graph with a flexible shape after the first change.
@tf.function(reduce_retracing=True)
def flexible_sum(x):
    traces.append(x.shape)
    return tf.reduce_sum(x * 2.0)


traces.clear()
for n in (3, 4, 5):
    flexible_sum(tf.ones([n]))
print("with reduce_retracing=True, traces for 3 shapes:", len(traces))
