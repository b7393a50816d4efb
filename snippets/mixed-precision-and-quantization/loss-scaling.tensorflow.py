# title: Dynamic loss scaling: skip a step on overflow, halve the scale, grow it back
import inspect

import keras
import tensorflow as tf

# Needed for float16 (narrow exponent), not for bfloat16. model.compile adds it under
# "mixed_float16".
opt = keras.optimizers.LossScaleOptimizer(
    keras.optimizers.SGD(learning_rate=0.1),
    initial_scale=1024.0,
    dynamic_growth_steps=2,
)
w = keras.Variable(1.0)
opt.build([w])
for step, x in enumerate([1.0, 1.0, 1.0, float("inf"), 1.0]):  # step 3 overflows
    with tf.GradientTape() as tape:
        scaled_loss = opt.scale_loss(w * x)  # loss * current scale
    grads = tape.gradient(scaled_loss, [w])
    opt.apply(grads, [w])  # unscales; skips the update if any gradient is inf or nan
    print(
        f"step {step}: scaled grad {float(grads[0]):.1f}, w {float(w.numpy()):.8g}, "
        f"scale now {float(opt.dynamic_scale):.0f}"
    )
growth = (
    inspect.signature(keras.optimizers.LossScaleOptimizer)
    .parameters["dynamic_growth_steps"]
    .default
)
print(f"default growth interval: {growth} steps")
