# title: Stopping gradients: tf.stop_gradient versus .detach()
import torch

x = torch.tensor(3.0, requires_grad=True)
full = x * x  # d/dx = 2x = 6
half_stopped = x * x.detach()  # the detached factor is a constant: d/dx = x = 3
target = (2.0 * x).detach()  # e.g. a target network output
loss = (x - target) ** 2  # d/dx = 2 (x - 6) = -6
unrelated = torch.tensor(5.0) * 2.0  # does not depend on x
with torch.no_grad():  # nothing inside is recorded at all
    logged = x * 10.0


def grad(output):
    # A result with no graph at all would make torch.autograd.grad raise a RuntimeError;
    # answer None for it, as the tape does.
    if not output.requires_grad:
        return None
    # retain_graph lets one graph answer several questions; allow_unused returns None
    # instead of raising when the graph does not reach x.
    return torch.autograd.grad(output, x, retain_graph=True, allow_unused=True)[0]


print(f"d(x*x)/dx = {grad(full).item():.1f}")
print(f"d(x*stop(x))/dx = {grad(half_stopped).item():.1f}")
print(f"d((x - stop(2x))^2)/dx = {grad(loss).item():.1f}")
print("gradient of an unconnected result:", grad(unrelated))
print("gradient of an unrecorded result:", grad(logged))
