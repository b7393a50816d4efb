# title: Per-example gradients by vectorising a gradient function
import jax
import jax.numpy as jnp
import numpy as np

rng = np.random.RandomState(0)
x = jnp.asarray(rng.normal(size=(4, 3)).astype("float32"))
y = jnp.asarray(rng.normal(size=(4,)).astype("float32"))
w = jnp.asarray(rng.normal(size=(3,)).astype("float32"))


def example_loss(w, xi, yi):
    return (xi @ w - yi) ** 2


grads = jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0))(
    w, x, y
)  # transforms compose
print("shape:", tuple(grads.shape))
for g in np.asarray(grads):
    print("grad:", " ".join(f"{v:.8g}" for v in g))
batch = jax.grad(lambda w: jnp.mean((x @ w - y) ** 2))(w)
print(
    "mean of per-example grads equals the batch grad: "
    f"{bool(jnp.allclose(grads.mean(0), batch))}"
)
