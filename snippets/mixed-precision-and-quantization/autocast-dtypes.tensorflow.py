# title: Which operations run in bfloat16 under mixed precision
import keras
import numpy as np
from keras.backend import (
    standardize_dtype as name,
)  # "bfloat16" rather than <dtype: 'bfloat16'>

# A global policy: every layer built after this computes in bfloat16, keeps float32
# weights.
keras.mixed_precision.set_global_policy("mixed_bfloat16")
dense = keras.layers.Dense(16)
relu = keras.layers.ReLU()
softmax = keras.layers.Softmax()
softmax_fp32 = keras.layers.Softmax(
    dtype="float32"
)  # per-layer override, as the Keras guide advises for outputs
x = np.ones((2, 8), "float32")
h = dense(x)
print("input:", name(x.dtype))
print("weights:", name(dense.kernel.dtype))
print("matmul output:", name(h.dtype))
print("relu output:", name(relu(h).dtype))
print("softmax output:", name(softmax(h).dtype))
print("softmax kept in float32:", name(softmax_fp32(h).dtype))
loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(np.array([0, 1]), h)
print("loss:", name(loss.dtype))
