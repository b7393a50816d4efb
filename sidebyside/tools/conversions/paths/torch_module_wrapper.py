"""Keras 3 on the torch backend running a PyTorch module inside a Keras model (TorchModuleWrapper)."""

import numpy as np

from sidebyside.tools.conversions.paths._common import stage, torch_original

ID = "torch-module-wrapper"
TITLE = "PyTorch in Keras 3 (TorchModuleWrapper)"
HOW = ("`keras.layers.TorchModuleWrapper(module)` with `KERAS_BACKEND=torch`, `training` passed on "
       "(with `training=None` the wrapper puts the module in train mode)")
ENV = "test"
BACKEND = "torch"
PACKAGES = ("keras", "torch")


def run(family, workdir):
    module, x, original = torch_original(family)
    with stage("TorchModuleWrapper"):
        import keras

        class Wrapped(keras.Model):
            """The wrapper's documented use: a PyTorch module as a layer of a subclassed Keras model."""

            def __init__(self):
                super().__init__()
                self.inner = keras.layers.TorchModuleWrapper(module)

            def call(self, inputs, training=None):
                # pass it on: the wrapper runs the module in train mode unless training is False
                return self.inner(inputs, training=training)

        model = Wrapped()
    with stage("Keras predict"):
        return original, np.asarray(model.predict(x, verbose=0))
