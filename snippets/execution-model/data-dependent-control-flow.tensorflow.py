# title: A data-dependent branch inside a compiled graph
import tensorflow as tf


@tf.function
def relu_or_square(x):
    # AutoGraph rewrites this Python `if` on a tensor into a graph conditional.
    if tf.reduce_sum(x) > 0:
        return tf.nn.relu(x)
    return x * x


spec = tf.TensorSpec([3], tf.float32)
graph = relu_or_square.get_concrete_function(spec).graph
op_types = {op.type for op in graph.get_operations()}
print("both branches in one graph:", bool(op_types & {"If", "StatelessIf"}))
print("positive input:", relu_or_square(tf.constant([1.0, -2.0, 3.0])).numpy().tolist())
print(
    "negative input:", relu_or_square(tf.constant([-1.0, -2.0, 1.0])).numpy().tolist()
)
