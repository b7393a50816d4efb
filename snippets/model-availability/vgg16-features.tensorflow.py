# title: VGG16 without its classifier head (include_top=False), the usual transfer-learning base
import keras
import numpy as np

keras.utils.set_random_seed(0)
base = keras.applications.VGG16(
    weights=None, include_top=False
)  # random init, nothing downloaded

convs = [layer for layer in base.layers if isinstance(layer, keras.layers.Conv2D)]
print(
    "conv layers:",
    len(convs),
    "| pooling layers:",
    sum(isinstance(layer, keras.layers.MaxPooling2D) for layer in base.layers),
)
print(f"parameters: {base.count_params():,}")
features = base(np.zeros((1, 224, 224, 3), "float32"))  # channels last: NHWC
_, height, width, channels = features.shape
print(f"feature map for a 224x224 image: {height}x{width}, {channels} channels")
