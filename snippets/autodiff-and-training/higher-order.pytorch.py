# title: Higher-order derivatives and a Hessian
import numpy as np
import torch

# f(x) = x^3 + 2x at x = 2: f' = 3x^2 + 2 = 14, f'' = 6x = 12, f''' = 6
x = torch.tensor(2.0, requires_grad=True)
f = x**3 + 2.0 * x
(d1,) = torch.autograd.grad(
    f, x, create_graph=True
)  # create_graph: d1 is differentiable
(d2,) = torch.autograd.grad(d1, x, create_graph=True)
(d3,) = torch.autograd.grad(d2, x)
print(f"f'={d1.item():.8g} f''={d2.item():.8g} f'''={d3.item():.8g}")


# Hessian of g(v) = v0^2 * v1 + sin(v1) at v = (1, 2): a ready-made helper.
def g(v):
    return v[0] ** 2 * v[1] + torch.sin(v[1])


v = torch.tensor([1.0, 2.0], requires_grad=True)
(grad,) = torch.autograd.grad(g(v), v)
hessian = torch.autograd.functional.hessian(g, v)
print("gradient:", np.round(grad.numpy().astype(float), 8).tolist())
print("hessian:", np.round(hessian.numpy().astype(float), 8).tolist())
