# title: ResNet-50 with weights=None: same layers, but Keras adds a bias to every convolution
# differs: keras.applications.ResNet50 gives each convolution a bias; torchvision's ResNet-50 does not
# same: ^conv layers:
# same: ^trainable without convolution biases:
# same: ^batch-norm running statistics:
# same: ^output:
import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.applications.ResNet50(weights=None)  # random init, nothing downloaded


def size(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


conv_bias = size(
    layer.bias
    for layer in model.layers
    if isinstance(layer, keras.layers.Conv2D) and layer.use_bias
)
trainable = size(model.trainable_weights)
print(
    "conv layers:",
    sum(isinstance(layer, keras.layers.Conv2D) for layer in model.layers),
)
print(f"trainable parameters: {trainable:,}")
print(f"  of which convolution biases: {conv_bias:,}")
print(f"trainable without convolution biases: {trainable - conv_bias:,}")
print(f"batch-norm running statistics: {size(model.non_trainable_weights):,}")
print("output:", model.output_shape[1:])
