# title: One training step (SGD with momentum), written in the framework itself (no Keras model)
import jax
import jax.numpy as jnp
import numpy as np
import optax

rng = np.random.RandomState(0)
x = jnp.asarray(rng.normal(size=(8, 3)).astype("float32"))
y = jnp.asarray(rng.normal(size=(8, 1)).astype("float32"))
params = {
    "w": jnp.asarray(rng.normal(size=(3, 1)).astype("float32")),
    "b": jnp.zeros(1),
}  # a plain pytree
optimizer = optax.sgd(learning_rate=0.05, momentum=0.9)
opt_state = optimizer.init(params)  # optimizer state is a value too, passed in and out


def loss_fn(params, x, y):
    return jnp.mean((x @ params["w"] + params["b"] - y) ** 2)


@jax.jit  # a pure function: old state in, new state out, nothing mutated
def train_step(params, opt_state, x, y):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = optimizer.update(grads, opt_state)
    return optax.apply_updates(params, updates), opt_state, loss


for step in range(1, 4):
    params, opt_state, loss = train_step(params, opt_state, x, y)
    print(f"step {step}: loss {float(loss):.8g}")
print(
    "w:",
    " ".join(f"{v:.8g}" for v in np.asarray(params["w"]).ravel()),
    " b:",
    f"{float(params['b'][0]):.8g}",
)
