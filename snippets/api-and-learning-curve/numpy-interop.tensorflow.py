# title: NumPy in and out: which calls copy the array and which share its memory
# differs: torch.from_numpy shares the array memory, tf.convert_to_tensor copies it, so after one mutation the tensors differ
# same: ^dtype kept from NumPy:
# same: ^array after mutation:
# same: ^(?:tf\.convert_to_tensor|torch\.tensor)\(array\): +(.*)$
import numpy as np
import tensorflow as tf

array = np.array([1.0, 2.0, 3.0])
copied = tf.convert_to_tensor(array)  # always a copy
print("dtype kept from NumPy:", copied.dtype.name)

array[0] = 100.0  # mutate the NumPy array after converting it
print("array after mutation:        ", array.tolist())
print("tf.convert_to_tensor(array): ", copied.numpy().tolist(), "(copied)")

# Tensor -> NumPy: .numpy() returns a new array, writing to it leaves the tensor alone.
back = copied.numpy()
back[1] = -1.0
print("tensor after writing to .numpy():", copied.numpy().tolist())

# A zero-copy view the other way exists, but it is read-only: tensors are immutable.
view = np.asarray(memoryview(copied))
print("memoryview view is writeable:", view.flags.writeable)
