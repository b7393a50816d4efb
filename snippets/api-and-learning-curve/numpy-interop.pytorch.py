# title: NumPy in and out: which calls copy the array and which share its memory
# differs: torch.from_numpy shares the array memory, tf.convert_to_tensor copies it, so after one mutation the tensors differ
# same: ^dtype kept from NumPy:
# same: ^array after mutation:
# same: ^(?:tf\.convert_to_tensor|torch\.tensor)\(array\): +(.*)$
import numpy as np
import torch

array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)  # zero-copy view of the same buffer
copied = torch.tensor(array)  # always a copy
print("dtype kept from NumPy:", str(shared.dtype).removeprefix("torch."))

array[0] = 100.0  # mutate the NumPy array after converting it
print("array after mutation:        ", array.tolist())
print("torch.from_numpy(array):     ", shared.tolist(), "(shared)")
print("torch.tensor(array):         ", copied.tolist(), "(copied)")

# Tensor -> NumPy: .numpy() on a CPU tensor is also a view;
# writing to it changes the tensor.
back = copied.numpy()
back[1] = -1.0
print("tensor after writing to .numpy():", copied.tolist())

# The view is writeable: CPU tensors and NumPy arrays can share one mutable buffer.
view = copied.numpy()
print("numpy() view is writeable:", view.flags.writeable)
