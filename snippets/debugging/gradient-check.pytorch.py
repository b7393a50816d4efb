# title: Checking a hand-written gradient against finite differences: tf.test.compute_gradient and torch.autograd.gradcheck
import numpy as np
import torch


def make_cube(grad_factor):
    """x**3 with a hand-written gradient; the right factor is 3."""

    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x**3

        @staticmethod
        def backward(ctx, dy):
            (x,) = ctx.saved_tensors
            return dy * grad_factor * x**2

    return Cube.apply


# float64: finite differences need it
x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
for label, factor in (("correct gradient 3*x**2", 3.0), ("buggy gradient 2*x**2", 2.0)):
    cube = make_cube(factor)
    jacobian = torch.autograd.functional.jacobian(cube, x)
    # default atol=1e-5, rtol=1e-3
    ok = torch.autograd.gradcheck(cube, (x,), raise_exception=False)
    diagonal = np.round(np.diag(jacobian.numpy()), 8).tolist()
    print(f"{label}: analytic diagonal {diagonal}, check passes: {ok}")
