"""Run one case study: port the weights with the helper alone, compare eval outputs and one training step.

The training step is the method the porting guide describes: both models in
training mode (batch statistics), with dropout and augmentation switched off
and batch-norm statistics held, one Adam step from the same weights on the
same batch and loss. Adam's first step is ``lr * g / (|g| + eps)``: a
gradient that is zero in exact arithmetic but float32 noise in practice moves
its weight by up to the learning rate, differently in each framework. So each
study runs twice, in float32 and in float64: the float64 difference is the
port's, the float32 one adds rounding noise. After the step, the trained
model's weights are copied back with the helper into a fresh PyTorch model and
compared with the PyTorch model trained directly.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from sidebyside.tools.case_studies.record import EVAL_TOLERANCE, STEP_TOLERANCE
from sidebyside.tools.case_studies.study import Study
from sidebyside.tools.conversions.families import _randomise_keras_norms, _randomise_torch_norms

LEARNING_RATE, BETA_2, EPSILON = 1e-3, 0.999, 1e-8
SEED = 0


def keras_epsilon(epsilon: float = EPSILON, beta_2: float = BETA_2) -> float:
    """Keras adds epsilon to sqrt(v) before bias correction, PyTorch after: on the first step they agree at this."""
    return epsilon * math.sqrt(1 - beta_2)


def quiet_keras(model) -> None:
    """Dropout and random augmentation off, batch-norm moving statistics held, for a ``training=True`` call."""
    for layer in model._flatten_layers(include_self=False):
        kind = type(layer).__name__
        if kind == "Dropout":
            layer.rate = 0.0
        elif kind == "BatchNormalization":
            layer.momentum = 1.0  # moving = moving * momentum + batch * (1 - momentum)
        elif kind == "MultiHeadAttention":
            layer._dropout = 0.0
        elif kind.startswith("Random"):
            layer.call = lambda data, training=True: data  # the augmentation's identity


def quiet_torch(module) -> None:
    """The same for ``module.train()``: dropout off, running statistics held."""
    from torch import nn

    for sub in module.modules():
        if isinstance(sub, nn.Dropout):
            sub.p = 0.0
        elif isinstance(sub, nn.modules.batchnorm._BatchNorm):
            sub.momentum = 0.0  # running = (1 - momentum) * running + momentum * batch
        elif isinstance(sub, nn.MultiheadAttention):
            sub.dropout = 0.0


def _floats(state: dict) -> dict[str, np.ndarray]:
    return {k: v.detach().numpy() for k, v in state.items() if v.is_floating_point()}


def _largest(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> float:
    return max(float(np.max(np.abs(a[k] - b[k]))) for k in a)


def run_precision(study: Study, dtype: str) -> dict[str, float]:
    """Eval and one-step differences for one float type."""
    import keras
    import tensorflow as tf
    import torch

    from sidebyside.tools.conversions.port_weights import keras_to_torch, torch_to_keras

    torch_dtype = getattr(torch, dtype)
    keras.config.set_floatx(dtype)
    keras.config.set_dtype_policy(dtype)
    try:
        keras.utils.set_random_seed(SEED)
        model = study.keras(keras)
        module = study.torch(torch.nn).to(torch_dtype)
        fresh = study.torch(torch.nn).to(torch_dtype)
    finally:
        keras.config.set_floatx("float32")
        keras.config.set_dtype_policy("float32")
    if study.direction == "keras-to-torch":
        _randomise_keras_norms(model)
        keras_to_torch(model, module)
    else:
        _randomise_torch_norms(module)
        torch_to_keras(module, model)

    def cast(a: np.ndarray) -> np.ndarray:
        return a.astype(dtype) if a.dtype.kind == "f" else a

    keras_x, torch_x = (cast(a) for a in study.inputs(np.random.default_rng(SEED + 1)))
    eval_keras = np.asarray(model(keras_x, training=False))
    with torch.no_grad():
        eval_torch = study.torch_output(module.eval(), torch.from_numpy(torch_x)).numpy()
    target = np.random.default_rng(SEED + 3).standard_normal(eval_keras.shape).astype(dtype)

    quiet_keras(model)
    with tf.GradientTape() as tape:
        loss_keras = keras.ops.mean((model(keras_x, training=True) - target) ** 2)
    # an embedding's gradient is one slice per token occurrence; Keras' Adam squares each slice, PyTorch the row's
    # sum: with a token repeated in the batch the two differ, so the step is taken on the dense gradient
    grads = [tf.convert_to_tensor(g) for g in tape.gradient(loss_keras, model.trainable_variables)]
    keras.optimizers.Adam(LEARNING_RATE, beta_2=BETA_2, epsilon=keras_epsilon()).apply(grads, model.trainable_variables)

    quiet_torch(module)
    module.train()
    loss_torch = ((study.torch_output(module, torch.from_numpy(torch_x)) - torch.from_numpy(target)) ** 2).mean()
    loss_torch.backward()
    torch.optim.Adam(module.parameters(), LEARNING_RATE, betas=(0.9, BETA_2), eps=EPSILON).step()
    keras_to_torch(model, fresh)
    return {"eval": float(np.max(np.abs(eval_keras - eval_torch))),
            "loss": abs(float(loss_keras) - float(loss_torch.item())),
            "step": _largest(_floats(fresh.state_dict()), _floats(module.state_dict()))}


def run(study: Study) -> dict[str, Any]:
    """One study in both float types: the record's entry, without the source (added by ``record``)."""
    from sidebyside.tools.conversions.port_weights import RULES

    started, rules = time.process_time(), dict(RULES)
    try:
        if study.register is not None:
            study.register()
        f32, f64 = run_precision(study, "float32"), run_precision(study, "float64")
    finally:  # a study's registered rules stay with it
        RULES.clear()
        RULES.update(rules)
    passed = f32["eval"] <= EVAL_TOLERANCE and f64["step"] <= STEP_TOLERANCE
    return {"eval_float32": f32["eval"], "eval_float64": f64["eval"], "loss_float32": f32["loss"],
            "step_float32": f32["step"], "step_float64": f64["step"], "status": "pass" if passed else "fail",
            "cpu_seconds": round(time.process_time() - started, 2)}
