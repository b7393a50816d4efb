"""Evidence for API-dictionary rows proven by an executed pair (``check: pair``).

Whole-model calls (``compile``/``fit``, saving a model, callbacks,
``tf.function``) take seconds per run and need data, files and a training
loop, so such a row is not executed on its own. Its proof is a pair that
runs both halves and records their outputs. The row may not drift from that
proof: each half of the pair must call every function the row's code on that
side calls, and the page the row links to must show the pair.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, display_path, read_text
from sidebyside.pairs.catalog import SNIPPETS

DOCS = ROOT / "docs"
HALVES = {"tf": ("tensorflow", "TensorFlow"), "torch": ("pytorch", "PyTorch")}


def called_names(code: str) -> set[str]:
    """The last name of every call (``model.fit(...)`` -> ``fit``): what a half must also call."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                names.add(func.attr)
            elif isinstance(func, ast.Name):
                names.add(func.id)
    return names


def check_pair_evidence(path: Path, line: int, what: str, pair: str, see: str, code: dict[str, str]) -> None:
    """The pair exists, each half makes the row's calls on its side, and the ``see`` page shows the pair."""
    topic, _, name = pair.partition("/")
    for side, (framework, label) in HALVES.items():
        half = SNIPPETS / topic / f"{name}.{framework}.py"
        if not half.is_file():
            raise SiteError(path, line, f"{what}: pair '{pair}' has no {label} half ({display_path(half)})",
                            "name a pair as <topic>/<name>, e.g. pair: custom-layers-and-loops/early-stopping-and-checkpoint")
        missing = sorted(called_names(code[side]) - called_names(read_text(half)))
        if missing:
            raise SiteError(path, line, f"{what}: the {label} half of pair '{pair}' never calls {', '.join(missing)}",
                            "write the row with the calls the pair makes, or name a pair that makes them")
    page = DOCS / see.split("#", 1)[0]
    if not page.is_file() or f"@pair {pair}" not in read_text(page):
        raise SiteError(path, line, f"{what}: page '{see}' does not show pair '{pair}'",
                        f"link 'see' to the section with '@pair {pair}'")
