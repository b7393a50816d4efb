"""``@render wheel-sizes``: wheel sizes per platform from ``data/facts/wheel-sizes.json``.

The numbers come from the registry (``make wheel-sizes``), never from prose;
a platform without a wheel is shown as "no wheel", which is itself a fact
(``tensorflow-cpu`` has no macOS or Arm64 wheel).
"""

from __future__ import annotations

import json
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext
from sidebyside.tools.wheel_sizes import PLATFORMS

DATA = ROOT / "data" / "facts" / "wheel-sizes.json"


def load(path: Path = DATA) -> dict:
    """Read and check the shape the table needs; a hand edit that breaks it names the file."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteError(path, None, "no wheel-size data", "run 'make wheel-sizes' and commit the file") from None
    except json.JSONDecodeError as exc:
        raise SiteError(path, exc.lineno, f"invalid JSON: {exc.msg}", "re-run 'make wheel-sizes'") from None
    for key in ("checked", "python", "packages"):
        if key not in doc:
            raise SiteError(path, None, f"missing '{key}'", "re-run 'make wheel-sizes'")
    for package in doc["packages"]:
        for label, wheel in package.get("wheels", {}).items():
            if not isinstance(wheel.get("bytes"), int) or wheel["bytes"] <= 0:
                raise SiteError(path, None, f"{package.get('name')} {label}: size is not a positive integer", "re-run 'make wheel-sizes'")
    return doc


def table(doc: dict) -> str:
    labels = [label for label, _ in PLATFORMS]
    lines = ["| Package | " + " | ".join(labels) + " |", "| --- | " + " | ".join("---:" for _ in labels) + " |"]
    for package in doc["packages"]:
        cells = []
        for label in labels:
            wheel = package["wheels"].get(label)
            cells.append(f"{wheel['bytes'] / 1e6:,.0f} MB" if wheel else "no wheel")
        lines.append(f"| `{package['name']}=={package['version']}` | " + " | ".join(cells) + " |")
    lines += ["", f"Wheel files for Python {doc['python'][2]}.{doc['python'][3:]} as listed by PyPI's JSON API on {doc['checked']} "
              "(`make wheel-sizes`, raw data in `data/facts/wheel-sizes.json`). Sizes are the download; "
              "GPU libraries that `pip` adds as separate packages are not included."]
    return "\n".join(lines)


def render(ctx: RenderContext) -> str:
    return table(load())
