"""The matrix record against the code: every path and family the code defines has its row and column.

A family or path added to the code but not yet run would otherwise leave the
page silently short of it; ``python -m sidebyside check`` calls this and names
the command that fills the gap. Imports the path and family modules (NumPy,
no framework).
"""

from __future__ import annotations

from pathlib import Path

from sidebyside.errors import SiteError
from sidebyside.tools.conversions import schema
from sidebyside.tools.conversions.families import FAMILIES
from sidebyside.tools.conversions.paths import all_paths

UPDATE = 'make conversions ARGS="--update{}"'
"""The command that runs only what the record lacks (``run --update``), with the ids it names."""


def compare(doc: dict, where: Path, path_ids: list[str], family_ids: list[str]) -> None:
    """Raise on the first row or column the code and the record disagree about, naming the command that fixes it."""
    recorded_paths, recorded_families = [p["id"] for p in doc["paths"]], [f["id"] for f in doc["families"]]
    for kind, code, recorded, flag in (("path", path_ids, recorded_paths, "paths"),
                                       ("family", family_ids, recorded_families, "families")):
        missing = [i for i in code if i not in recorded]
        if missing:
            raise SiteError(where, None, f"{kind} {', '.join(missing)} in the code but not in the record",
                            f"run: {UPDATE.format(f' --{flag} ' + ','.join(missing))} and commit the record")
        extra = [i for i in recorded if i not in code]
        if extra:
            raise SiteError(where, None, f"{kind} {', '.join(extra)} in the record but no longer in the code",
                            f"run: {UPDATE.format('')} (it drops them) and commit the record")
        if recorded != code:
            raise SiteError(where, None, f"{kind} order {recorded} differs from the code's {code}",
                            f"run: {UPDATE.format('')} (it reorders) and commit the record")


def check(path: Path = schema.RECORD) -> str:
    """Load the record, compare it with the code and summarise it for ``check``."""
    doc = schema.load(path)
    compare(doc, path, list(all_paths()), list(FAMILIES))
    passed, total = schema.passed(doc)
    return f"conversion matrix: {len(doc['paths'])} paths x {len(doc['families'])} families, {passed}/{total} cells pass"
