# title: One small classifier (64 -> 32 -> 10) written two ways, same parameter count
import numpy as np
import keras  # Keras 3 is installed with TensorFlow and runs on it by default

keras.utils.set_random_seed(0)

# Way 1: a stack of layers. Keras infers each layer's input size from the Input.
sequential = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)


# Way 2: subclassing, for models whose forward pass needs Python logic.
class Classifier(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(32, activation="relu")
        self.out = keras.layers.Dense(10)

    def call(self, x):
        return self.out(self.hidden(x))


subclassed = Classifier()
batch = np.zeros((4, 64), dtype="float32")
subclassed(batch)  # weights are created on the first call (lazy build)

for name, model in (("stacked", sequential), ("subclassed", subclassed)):
    per_layer = [
        int(sum(np.prod(w.shape) for w in layer.weights)) for layer in model.layers
    ]
    print(
        f"{name}: parameters={model.count_params()} per layer={per_layer}"
        f" output shape={tuple(model(batch).shape)}"
    )
