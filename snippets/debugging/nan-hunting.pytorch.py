# title: Finding the first NaN: tf.debugging.enable_check_numerics and torch.autograd.detect_anomaly
# differs: TensorFlow stops at the forward op that produced the NaN, PyTorch's anomaly mode stops at the backward function that did
# same: ^unchecked (?:loss|grad):
import torch

# Some articles name torch.autograd.debug_anomaly: it does not exist.
print("torch.autograd.debug_anomaly exists:", hasattr(torch.autograd, "debug_anomaly"))
print(
    "torch.autograd.detect_anomaly exists:", hasattr(torch.autograd, "detect_anomaly")
)

x = torch.tensor([4.0, -1.0], requires_grad=True)

# Without checks the NaN flows on silently.
loss = torch.sqrt(x).sum()
loss.backward()
print("unchecked loss:", loss.item())
print("unchecked grad:", x.grad.tolist())

# Anomaly mode checks every backward function's output and names the first one
# that returned NaN. (It also prints the forward stack trace to stderr.)
x.grad = None
try:
    with torch.autograd.detect_anomaly():
        loss = torch.sqrt(x).sum()
        print("forward still runs; loss:", loss.item())
        loss.backward()
except RuntimeError as e:
    print(type(e).__name__)
    print(" ", str(e).splitlines()[0])

# Forward NaNs are not checked by anomaly mode; test a tensor explicitly.
y = torch.sqrt(x.detach())
try:
    torch._assert(
        bool(torch.isfinite(y).all()), "after sqrt: tensor had NaN or Inf values"
    )
except AssertionError as e:
    print(type(e).__name__, "-", e)
