"""Record the pinned frameworks' wheel sizes from PyPI's JSON API into ``data/facts/wheel-sizes.json``.

Run by hand or with ``make wheel-sizes`` when a pin changes; never in tests
(tests and the build read only the committed file). What a registry can
answer is measured, not typed: file sizes per platform, the upload date, and
for each of the four platforms readers ask about.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from datetime import date

from sidebyside import ROOT
from sidebyside.errors import SiteError, tool_main

OUT = ROOT / "data" / "facts" / "wheel-sizes.json"
REQUIREMENTS = ROOT / "requirements" / "test.txt"
API = "https://pypi.org/pypi/{name}/json"
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


def fetch(name: str) -> dict:
    with urllib.request.urlopen(API.format(name=name), timeout=60) as response:  # noqa: S310 - fixed https URL
        return json.load(response)


def main() -> None:
    packages = [summarise(name, version, fetch(name)) for name, version in pinned()]
    doc = {"checked": date.today().isoformat(), "source": API,
           "python": PYTHON_TAG, "packages": packages}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    tool_main(main)
