"""What a case study is: where the model comes from, how to build it in each framework, what the port needed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Source:
    """The published model: repository, file and the commit read, with its licence."""

    repo: str
    path: str
    commit: str
    licence: str

    @property
    def url(self) -> str:
        return f"https://github.com/{self.repo}/blob/{self.commit}/{self.path}"


@dataclass(frozen=True)
class Study:
    id: str
    title: str
    source: Source
    direction: str
    """``keras-to-torch`` (published in Keras) or ``torch-to-keras`` (published in PyTorch)."""
    covers: tuple[str, ...]
    needed: tuple[str, ...]
    """What the port needed beyond building the twin with the other framework's defaults stated."""
    keras: Callable[[object], object]
    """``keras(keras_module) -> model``: built, in the current float type."""
    torch: Callable[[object], object]
    """``torch(torch.nn) -> module``, in float32."""
    inputs: Callable[[np.random.Generator], tuple[np.ndarray, np.ndarray]]
    """One batch in Keras layout and in PyTorch layout."""
    torch_output: Callable[[object, object], object] = field(default=lambda module, x: module(x))
    """The module's output as a tensor in the Keras output's layout."""
    register: Callable[[], None] | None = None
    """Rules the port registers with ``port_weights.register`` before copying."""


def image_inputs(shape: tuple[int, ...], scale: float | None = None):
    """A seeded batch of two images, NHWC for Keras and NCHW for PyTorch: uniform in [0, scale) (raw pixels) or
    standard normal (already normalised)."""

    def inputs(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        x = (rng.uniform(0, scale, (2, *shape)) if scale else rng.standard_normal((2, *shape))).astype("float32")
        return x, np.ascontiguousarray(x.transpose(0, 3, 1, 2))
    return inputs
