# title: Cross-entropy input: Keras losses expect probabilities unless from_logits=True, PyTorch's CrossEntropyLoss expects logits
import numpy as np
import tensorflow as tf

logits = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], dtype="float32")
labels = np.array([0, 1])
probs = tf.nn.softmax(logits)

expects_probs = tf.keras.losses.SparseCategoricalCrossentropy()  # default from_logits=False
expects_logits = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

print(f"logits        -> loss expecting logits       : {float(expects_logits(labels, logits)):.4f}")
print(f"probabilities -> loss expecting probabilities: {float(expects_probs(labels, probs)):.4f}")
# The silent mistake: softmax in the model AND a loss that applies softmax again.
print(f"probabilities -> loss expecting logits       : {float(expects_logits(labels, probs)):.4f}  (softmax twice)")
