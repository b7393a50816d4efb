"""One module per conversion path (a row of the matrix).

Each module names the path (``ID``, ``TITLE``, ``HOW``), the environment it
runs in (``ENV``: ``test`` is .venv, ``convert`` is .venv-convert for tools
that cannot sit beside the pinned frameworks), the packages whose versions
the record keeps, and ``run(family, workdir) -> (original, converted)``:
both outputs on the same inputs. Frameworks are imported inside ``run``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

MODULES = (
    "keras_to_torch_weights", "torch_to_keras_weights", "keras_export_onnx", "savedmodel_tf2onnx_cli",
    "tf2onnx_from_keras", "keras_export_litert", "torch_onnx_dynamo", "onnx2torch_path", "onnx2tf_path",
    "litert_torch_path", "torch_module_wrapper", "nobuco_path",
)
"""Row order on the page."""


def load(module: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{module}")


def all_paths() -> dict[str, ModuleType]:
    """Path modules by their ID, in row order."""
    return {mod.ID: mod for mod in map(load, MODULES)}
