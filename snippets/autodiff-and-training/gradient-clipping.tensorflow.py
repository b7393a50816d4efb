# title: Gradient clipping by global norm and by value
import numpy as np
import tensorflow as tf

grads = [
    tf.constant([3.0, 4.0]),
    tf.constant([[12.0]]),
]  # global norm = sqrt(9 + 16 + 144) = 13

# Returns new tensors plus the norm before clipping; the inputs are not modified.
clipped, norm = tf.clip_by_global_norm(grads, clip_norm=1.0)
print(f"global norm before: {norm.numpy():.8g}")
print("clipped:", [np.round(g.numpy().astype(float), 8).tolist() for g in clipped])
print(f"global norm after: {tf.linalg.global_norm(clipped).numpy():.8g}")

by_value = [tf.clip_by_value(g, -3.5, 3.5) for g in grads]
print("clipped by value:", [g.numpy().astype(float).tolist() for g in by_value])

# The same clipping as an optimizer option, applied on every apply_gradients call.
w = tf.Variable([0.0, 0.0])
optimizer = tf.keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=1.0)
optimizer.apply_gradients([(tf.constant([3.0, 4.0]), w)])
print("one SGD step with clipping:", np.round(w.numpy().astype(float), 8).tolist())
