"""MkDocs hook, listed first: build the checkout that holds ``mkdocs.yml``, whatever venv runs MkDocs.

The venvs install this package editable, which maps ``sidebyside`` to the
checkout that ran ``make venv``. A second clone or worktree sharing that
venv would then render its pages with the first checkout's code and data
(and fail on a pair only the second one has). MkDocs loads hook files by
their path relative to ``mkdocs.yml``, so this file sits in the checkout
being built: loading it imports ``sidebyside`` from that folder, before any
other hook imports it. The main hook's ``on_config`` then checks the
package against ``config.config_file_path`` (``check_checkout``).

It imports nothing from ``sidebyside`` at module level, on purpose.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

PACKAGE = "sidebyside"


def loaded_root() -> Path | None:
    """The checkout the imported ``sidebyside`` package comes from (None when it is not imported)."""
    module = sys.modules.get(PACKAGE)
    file = getattr(module, "__file__", None)
    return Path(file).resolve().parent.parent if file else None


def use_checkout(root: Path) -> Path:
    """Import ``sidebyside`` from ``root``; a copy loaded from another checkout is dropped first.

    Putting ``root`` first on ``sys.path`` is enough for the editable
    install: its finder comes after the path finder on ``sys.meta_path``.
    """
    root = root.resolve()
    if loaded_root() not in (None, root):
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
    return root


def project_root(config: Any) -> Path:
    """The folder of ``mkdocs.yml``: the checkout whose content is built."""
    return Path(config.config_file_path).resolve().parent


def check_checkout(config: Any) -> None:
    """Refuse to build a checkout with another checkout's code (a hook list without this file first)."""
    root, loaded = project_root(config), loaded_root()
    if (root / PACKAGE / "__init__.py").is_file() and loaded != root:
        raise PluginError(
            f"{root / 'mkdocs.yml'}: the '{PACKAGE}' package was imported from {loaded}, not from this checkout; "
            f"list {PACKAGE}/site/project.py first under 'hooks:'"
        )


if __name__ != f"{PACKAGE}.site.project":  # loaded by MkDocs from its path, not imported as part of the package
    use_checkout(Path(__file__).resolve().parents[2])


__all__ = ["check_checkout", "project_root", "use_checkout"]
