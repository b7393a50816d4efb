# title: Stopping gradients: tf.stop_gradient versus .detach()
import tensorflow as tf

x = tf.Variable(3.0)
with tf.GradientTape(persistent=True) as tape:
    full = x * x  # d/dx = 2x = 6
    half_stopped = x * tf.stop_gradient(
        x
    )  # the stopped factor is a constant: d/dx = x = 3
    target = tf.stop_gradient(2.0 * x)  # e.g. a target network output
    loss = (x - target) ** 2  # d/dx = 2 (x - 6) = -6
    unrelated = tf.constant(5.0) * 2.0  # does not depend on x
    with tape.stop_recording():  # nothing inside is recorded at all
        logged = x * 10.0

print(f"d(x*x)/dx = {tape.gradient(full, x).numpy():.1f}")
print(f"d(x*stop(x))/dx = {tape.gradient(half_stopped, x).numpy():.1f}")
print(f"d((x - stop(2x))^2)/dx = {tape.gradient(loss, x).numpy():.1f}")
print("gradient of an unconnected result:", tape.gradient(unrelated, x))
print("gradient of an unrecorded result:", tape.gradient(logged, x))
del tape
