# title: Custom gradients: tf.custom_gradient versus torch.autograd.Function
import numpy as np
import torch


class RoundStraightThrough(torch.autograd.Function):
    """Round in the forward pass; pretend it was the identity in the backward pass."""

    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, upstream):
        # Rounding has zero gradient almost everywhere; pass it through instead.
        return upstream


class ReverseGradient(torch.autograd.Function):
    """Identity forward, gradient times -scale backward (domain adaptation)."""

    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale  # ctx carries what backward needs
        return x.view_as(x)

    @staticmethod
    def backward(ctx, upstream):
        return (
            -ctx.scale * upstream,
            None,
        )  # one gradient per forward input; None for the float


x = torch.tensor([0.2, 1.7, -2.6], requires_grad=True)
rounded = RoundStraightThrough.apply(x)
loss_round = (rounded**2).sum()
reversed_x = ReverseGradient.apply(x, 0.5)
loss_reverse = (reversed_x**2).sum()

(grad_round,) = torch.autograd.grad(loss_round, x)
(grad_reverse,) = torch.autograd.grad(loss_reverse, x)
print("rounded:", rounded.detach().numpy().astype(float).tolist())
print(
    "straight-through gradient:", np.round(grad_round.numpy().astype(float), 8).tolist()
)
print(
    "reversed forward value:",
    np.round(reversed_x.detach().numpy().astype(float), 8).tolist(),
)
print("reversed gradient:", np.round(grad_reverse.numpy().astype(float), 8).tolist())
