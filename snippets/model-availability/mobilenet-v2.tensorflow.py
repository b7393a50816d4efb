# title: MobileNetV2 with weights=None: identical parameter counts
import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.applications.MobileNetV2(weights=None)  # random init, nothing downloaded


def size(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


depthwise = [
    layer for layer in model.layers if isinstance(layer, keras.layers.DepthwiseConv2D)
]
print("depthwise convolutions:", len(depthwise))
print(f"trainable parameters: {size(model.trainable_weights):,}")
print(f"batch-norm running statistics: {size(model.non_trainable_weights):,}")
out = model(np.zeros((1, 224, 224, 3), "float32"), training=False)
print("output:", tuple(out.shape), f"sum of probabilities: {float(np.sum(out)):.8g}")
