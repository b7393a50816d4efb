"""Record the pinned frameworks' wheel sizes from PyPI's JSON API into ``data/facts/wheel-sizes.json``.

Run by hand or with ``make wheel-sizes`` when a pin changes. What a
registry can answer is measured, not typed: file sizes per platform, the
upload date, and for each of the four platforms readers ask about.

``--check`` asks again and writes nothing: every wheel whose size or file
differs from the committed record is one ``file:line`` error naming the
package, the platform and both sizes (the weekly canary runs it, so a hand
edit or a re-uploaded wheel fails there). Tests pass a local server on
127.0.0.1 serving recorded answers as ``--pypi``; they never reach the network.

    python -m sidebyside.tools.wheel_sizes [--check] [--pypi URL]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from datetime import date
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, raise_all, tool_main
from sidebyside.tools.bench.schema import _line_of
from sidebyside.tools.facts import PYPI, _get_json

OUT = ROOT / "data" / "facts" / "wheel-sizes.json"
REQUIREMENTS = ROOT / "requirements" / "test.txt"
API = PYPI + "/pypi/{name}/json"
"""The project endpoint: its ``releases`` map lists every version's files with their sizes."""
PYTHON_TAG = f"cp{sys.version_info.major}{sys.version_info.minor}"
PLATFORMS: list[tuple[str, re.Pattern[str]]] = [
    ("Linux x86-64", re.compile(r"manylinux.*x86_64")),
    ("Linux Arm64", re.compile(r"manylinux.*aarch64")),
    ("macOS Arm64", re.compile(r"macosx_.*arm64")),
    ("Windows x86-64", re.compile(r"win_amd64")),
]


def pinned() -> list[tuple[str, str]]:
    """The framework pins, plus ``tensorflow`` (the GPU-capable package) at the pinned TensorFlow version."""
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", REQUIREMENTS.read_text(encoding="utf-8"), re.MULTILINE))
    return [("tensorflow-cpu", pins["tensorflow-cpu"]), ("tensorflow", pins["tensorflow-cpu"]), ("torch", pins["torch"])]


def platform_of(filename: str) -> str | None:
    for label, pattern in PLATFORMS:
        if pattern.search(filename):
            return label
    return None


def summarise(name: str, version: str, doc: dict) -> dict:
    """Keep what the page shows: one wheel per platform for this Python."""
    if version not in doc["releases"]:
        raise SiteError(ROOT / "requirements" / "test.txt", None, f"{name}=={version} is not on the registry", "check the pin")
    wheels = {}
    for f in doc["releases"][version]:
        if f["packagetype"] != "bdist_wheel" or f"-{PYTHON_TAG}-" not in f["filename"]:
            continue
        label = platform_of(f["filename"])
        if label and label not in wheels:
            wheels[label] = {"filename": f["filename"], "bytes": f["size"], "uploaded": f["upload_time_iso_8601"][:10]}
    return {"name": name, "version": version, "wheels": wheels}


def fetch(name: str, base: str = PYPI) -> dict:
    """PyPI's project document (https, or a test's server on 127.0.0.1, through the facts tool's one getter)."""
    return _get_json(f"{base}/pypi/{urllib.parse.quote(name)}/json")


def answered(base: str = PYPI) -> list[dict]:
    """What the registry answers now for every pinned framework, in the record's shape."""
    return [summarise(name, version, fetch(name, base)) for name, version in pinned()]


def _size(wheel: dict | None) -> str:
    return f"{wheel['bytes']:,} bytes ({wheel['filename']})" if wheel else "no wheel"


def drift(record: dict, now: list[dict], path: Path = OUT) -> list[SiteError]:
    """One error per package and platform whose recorded wheel is not what the registry answers now."""
    text = path.read_text(encoding="utf-8")
    fresh = {p["name"]: p for p in now}
    errors = []
    for package in record["packages"]:
        name = package["name"]
        current = fresh.get(name, {"version": "not pinned", "wheels": {}})
        if current["version"] != package["version"]:
            errors.append(SiteError(path, _line_of(text, f'"name": "{name}"'),
                                    f"{name}: the record is for {package['version']}, the pin is {current['version']}",
                                    "run 'make wheel-sizes' and commit the file"))
            continue
        for label, _ in PLATFORMS:
            old, new = package["wheels"].get(label), current["wheels"].get(label)
            if (old and old["bytes"], old and old["filename"]) == (new and new["bytes"], new and new["filename"]):
                continue
            where = _line_of(text, f'"filename": "{old["filename"]}"') if old else _line_of(text, f'"name": "{name}"')
            errors.append(SiteError(path, where, f"{name} {package['version']}, {label}: the record says {_size(old)}, "
                                    f"the registry answers {_size(new)}",
                                    "re-check what the hardware page says about it, then run 'make wheel-sizes' and commit the file"))
    return errors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.wheel_sizes", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="ask again and fail on any difference from the record; write nothing")
    parser.add_argument("--pypi", default=PYPI, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    packages = answered(args.pypi)
    if args.check:
        raise_all(drift(json.loads(OUT.read_text(encoding="utf-8")), packages))
        print(f"no drift: every wheel in {OUT.relative_to(ROOT)} is what the registry answers")
        return
    doc = {"checked": date.today().isoformat(), "source": API,
           "python": PYTHON_TAG, "packages": packages}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    tool_main(main)
