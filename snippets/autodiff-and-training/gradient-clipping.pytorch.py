# title: Gradient clipping by global norm and by value
import numpy as np
import torch

params = [torch.zeros(2, requires_grad=True), torch.zeros(1, 1, requires_grad=True)]


def set_grads():
    params[0].grad = torch.tensor([3.0, 4.0])  # global norm = sqrt(9 + 16 + 144) = 13
    params[1].grad = torch.tensor([[12.0]])


# Works in place on each parameter's .grad and returns the norm before clipping.
set_grads()
norm = torch.nn.utils.clip_grad_norm_(params, max_norm=1.0)
print(f"global norm before: {norm.item():.8g}")
print("clipped:", [np.round(p.grad.numpy().astype(float), 8).tolist() for p in params])
print(
    "global norm after:",
    f"{torch.nn.utils.get_total_norm([p.grad for p in params]).item():.8g}",
)

set_grads()
torch.nn.utils.clip_grad_value_(params, clip_value=3.5)
print("clipped by value:", [p.grad.numpy().astype(float).tolist() for p in params])

# No optimizer option: clipping is a line between backward() and step().
w = torch.zeros(2, requires_grad=True)
optimizer = torch.optim.SGD([w], lr=1.0)
w.grad = torch.tensor([3.0, 4.0])
torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)
optimizer.step()
print(
    "one SGD step with clipping:",
    np.round(w.detach().numpy().astype(float), 8).tolist(),
)
