# title: Export tracing: torch.export runs forward as plain Python by default (strict=False), as tf.function traces
# differs: each half names its own framework's export call and its default
# same: ^Python side effects while exporting:
# same: ^Python side effects in 3 calls of the export:
# same: ^result:
import inspect

import numpy as np
import tensorflow as tf

autograph = inspect.signature(tf.function).parameters["autograph"].default
print(f"tf.function default: autograph={autograph} (Python runs once per signature)")
log = []


class Net(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([3], tf.float32)])
    def __call__(self, x):
        log.append("call ran")  # a Python side effect
        return tf.tanh(x) * 2


# model.export and tf.saved_model.save trace the same way.
exported = Net().__call__.get_concrete_function()
print(f"Python side effects while exporting: {len(log)}")
log.clear()
for _ in range(3):
    out = exported(tf.constant([0.5, -1.0, 2.0]))
print(f"Python side effects in 3 calls of the export: {len(log)}")
print(f"result: {np.round(out.numpy().astype(float), 8).tolist()}")
