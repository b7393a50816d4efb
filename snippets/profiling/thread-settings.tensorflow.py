# title: Setting CPU thread pools
import tensorflow as tf

# Must run before TensorFlow executes its first op; afterwards it raises RuntimeError.
tf.config.threading.set_intra_op_parallelism_threads(
    2
)  # threads inside one op (a matmul)
tf.config.threading.set_inter_op_parallelism_threads(
    1
)  # independent ops run side by side
print("intra-op threads:", tf.config.threading.get_intra_op_parallelism_threads())
print("inter-op threads:", tf.config.threading.get_inter_op_parallelism_threads())
x = tf.ones((256, 256))
print("matmul sum:", float(tf.reduce_sum(x @ x)))
try:
    tf.config.threading.set_intra_op_parallelism_threads(4)
    print("changing it later: allowed")
except RuntimeError:
    print("changing it later: error")
