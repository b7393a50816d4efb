# title: Weighted loss averages: Keras divides by the batch size, PyTorch's weighted CrossEntropyLoss by the sum of weights
import numpy as np
import tensorflow as tf

logits = np.array([[2.0, 0.5], [0.2, 1.5], [1.0, 1.0], [0.3, 2.2]], dtype="float32")
labels = np.array([0, 1, 0, 1])
class_weight = np.array([1.0, 3.0], dtype="float32")
sample_weight = class_weight[labels]  # Keras applies class weights per sample

# Keras' default reduction "sum_over_batch_size": the sum of weighted losses divided
# by the number of samples.
keras_default = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
summed = tf.keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, reduction="sum"
)

loss = float(keras_default(labels, logits))
print(f"unweighted mean                     : {loss:.8g}")
loss = float(keras_default(labels, logits, sample_weight=sample_weight))
print(f"weighted, / batch size (Keras)      : {loss:.8g}")
weighted_sum = float(summed(labels, logits, sample_weight=sample_weight))
print(f"weighted, / sum of weights (PyTorch): {weighted_sum / sample_weight.sum():.8g}")
