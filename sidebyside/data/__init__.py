"""Data files: one loader per ``data/*.yml`` file, each the single source of a page.

Every loader reads YAML through ``yamlsrc`` so that each node knows its file
and line, validates each value with the shared rules in ``fields``, and
returns plain objects. A bad value stops with one ``SiteError`` naming
``file:line``, what is wrong and how to fix it. The data layer is what pages
summarise; it has no knowledge of how pages are drawn (no MkDocs, no
renderers): links are recorded here and resolved by ``site``.

Loaders register themselves with ``@loader("name.yml")``, the way renderers
are found by module name, so ``check`` validates a new data file without
being edited.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any, TypeVar

Loader = Callable[[], Any]
_LOADERS: dict[str, Loader] = {}
F = TypeVar("F", bound=Callable[..., Any])


def loader(filename: str) -> Callable[[F], F]:
    """Register ``load_x()`` as the loader of ``data/<filename>``."""

    def register(func: F) -> F:
        _LOADERS[filename] = func
        return func

    return register


def loaders() -> dict[str, Loader]:
    """Every registered loader, by data file name (imports each module of this package once)."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return dict(sorted(_LOADERS.items()))
