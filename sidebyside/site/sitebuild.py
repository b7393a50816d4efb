"""Build the site as readers get it: hosted (GitHub Pages) or offline (zip).

One function per output so the Makefile, the audit script and the tests
build exactly the same thing. The offline build is the hosted build plus
Material's offline plugin (``OFFLINE=true`` in mkdocs.yml), which switches
to ``file://``-friendly links and inlines the search index; the zip holds
one top-level folder so unzipping never spills files into the reader's
current directory.

    python -m sidebyside.site.sitebuild offline   # -> dist/tf-vs-pytorch-offline.zip
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from sidebyside import ROOT
from sidebyside.errors import SiteError, tool_main

ZIP_NAME = "tf-vs-pytorch-offline"
"""Name of the zip (plus .zip) and of the folder inside it."""

README = """TensorFlow vs PyTorch, side by side - offline copy

Open index.html in this folder with any web browser. Everything works
from the file system, search included; nothing is fetched from the network.
"""


def site_prefix(root: Path = ROOT) -> str:
    """URL path the hosted site lives under (from ``site_url``), e.g. ``/tf-vs-pytorch/``.

    Pages that can be served at any depth (404.html) use absolute URLs with
    this prefix; checkers map it back to the site root.
    """
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s]+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def build(dest: Path, *, offline: bool = False, root: Path = ROOT) -> Path:
    """Run ``mkdocs build --strict`` into ``dest`` and return it.

    Runs mkdocs in a subprocess (not in-process) because the project hook
    keeps module-level state per build, and tests build more than one site.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true" if offline else "false"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
           "-f", str(root / "mkdocs.yml"), "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        errors = [line for line in proc.stderr.splitlines() if "ERROR" in line or "Error" in line]
        raise SiteError(root / "mkdocs.yml", None, "strict build failed: " + (" | ".join(errors or proc.stderr.splitlines()[-5:]) or "no message"),
                        "fix what the build names")
    return dest


def zip_site(site: Path, zip_path: Path, folder: str = ZIP_NAME) -> Path:
    """Zip ``site`` under ``folder/`` with fixed timestamps (same input, same bytes).

    Source maps are left out: browsers fetch them only for open developer
    tools, and they are a third of the theme's bytes.
    """
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix != ".map")
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in [("README.txt", README.encode())] + [(p.relative_to(site).as_posix(), p.read_bytes()) for p in files]:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return zip_path


def build_offline_zip(workdir: Path, zip_path: Path, root: Path = ROOT) -> Path:
    """Offline build into ``workdir/<ZIP_NAME>`` and its zip at ``zip_path``."""
    site = build(workdir / ZIP_NAME, offline=True, root=root)
    return zip_site(site, zip_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.site.sitebuild", description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=["hosted", "offline"])
    parser.add_argument("--dest", type=Path, help="output dir (hosted) or zip path (offline)")
    args = parser.parse_args(argv)
    if args.kind == "hosted":
        dest = build(args.dest or ROOT / "site")
    else:
        dest = build_offline_zip(ROOT / "build" / "offline", args.dest or ROOT / "dist" / f"{ZIP_NAME}.zip")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file()) if dest.is_dir() else dest.stat().st_size
    print(f"built {dest.relative_to(ROOT) if dest.is_relative_to(ROOT) else dest} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    tool_main(main)
