# title: Inspecting the captured graph
# differs: each framework names its graph operations in its own vocabulary
import tensorflow as tf


@tf.function
def affine(x, w, b):
    return tf.nn.relu(tf.matmul(x, w) + b)


concrete = affine.get_concrete_function(
    tf.TensorSpec([None, 3]), tf.TensorSpec([3, 2]), tf.TensorSpec([2])
)
print("inputs:", [t.shape.as_list() for t in concrete.inputs])
print("operations:")
for op in concrete.graph.get_operations():
    print(f"  {op.type:<10} {op.name}")
