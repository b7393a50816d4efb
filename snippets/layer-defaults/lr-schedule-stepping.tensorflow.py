# title: Learning-rate schedules: Keras advances them every optimizer step, PyTorch when you call scheduler.step()
import tensorflow as tf

EPOCHS, STEPS_PER_EPOCH = 3, 4


def lr_at_epoch_starts(schedule):
    """Train a dummy weight; record the learning rate of each epoch's first batch."""
    w = tf.Variable(1.0)
    opt = tf.keras.optimizers.SGD(learning_rate=schedule)
    seen = []
    for _epoch in range(EPOCHS):
        for batch in range(STEPS_PER_EPOCH):
            if batch == 0:
                # schedule(opt.iterations)
                seen.append(f"{float(opt.learning_rate):.8g}")
            opt.apply_gradients([(tf.constant(1.0), w)])
    return seen


# A Keras schedule is a function of the optimizer's step counter: it moves every batch.
per_step = tf.keras.optimizers.schedules.ExponentialDecay(
    0.1, decay_steps=1, decay_rate=0.5
)
print("decay every optimizer step:", lr_at_epoch_starts(per_step))
# Per-epoch decay: count steps per epoch and use staircase=True.
per_epoch = tf.keras.optimizers.schedules.ExponentialDecay(
    0.1, decay_steps=STEPS_PER_EPOCH, decay_rate=0.5, staircase=True
)
print("decay once per epoch      :", lr_at_epoch_starts(per_epoch))
