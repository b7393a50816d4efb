# title: Cross-entropy input: Keras losses expect probabilities unless from_logits=True, PyTorch's CrossEntropyLoss expects logits
import numpy as np
import tensorflow as tf

logits = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], dtype="float32")
labels = np.array([0, 1])
probs = tf.nn.softmax(logits)

# The default is from_logits=False: the loss expects probabilities.
expects_probs = tf.keras.losses.SparseCategoricalCrossentropy()
expects_logits = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

loss = float(expects_logits(labels, logits))
print(f"logits        -> loss expecting logits       : {loss:.8g}")
loss = float(expects_probs(labels, probs))
print(f"probabilities -> loss expecting probabilities: {loss:.8g}")
# The silent mistake: softmax in the model AND a loss that applies softmax again.
loss = float(expects_logits(labels, probs))
print(f"probabilities -> loss expecting logits       : {loss:.8g}  (softmax twice)")
