"""``make facts``: ask PyPI and npm what is newest, record it, report drift from the data files.

Some verdicts rest on facts a package registry can answer: that Transformers
is at version 5, that TensorFlow.js has had no stable release for a long
time, which LiteRT and ExecuTorch versions are current. Those answers are
fetched here (PyPI's JSON API, npm's registry document), written to
``data/facts/<date>.json`` and compared with the versions the data files
declare (``registry:`` and ``version:`` on facts in ``data/community.yml``).
A difference is drift: the verdicts that cite that fact need a person to
re-check them, and the data file's ``version`` then gets updated.

The same run records every final release since 2024-01-01 of each tracked
package (``TRACKED`` plus every package with a file in ``data/releases/``),
with its upload day, in ``data/facts/releases.json``: the list the release
ledger is tested against. ``--releases-only`` refreshes just that file.

Tests never reach the network: they serve recorded answers from a local
server on 127.0.0.1 and pass its address as ``--pypi``/``--npm``.

    python -m sidebyside.tools.facts [--out DIR] [--pypi URL] [--npm URL] [--no-write] [--releases-only]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from sidebyside.data.community import COMMUNITY, load_community
from sidebyside.data.facts import FACTS_DIR, HARDWARE_RELEASES, RELEASE_LISTS, Answer, Record, ReleaseList, package_key, parse_record, parse_release_lists
from sidebyside.data.releases import SINCE, load_ledger
from sidebyside.errors import SiteError

PACKAGES: tuple[tuple[str, str], ...] = (
    ("pypi", "tensorflow"),
    ("pypi", "torch"),
    ("pypi", "keras"),
    ("pypi", "jax"),
    ("pypi", "ai-edge-litert"),
    ("pypi", "litert-torch"),
    ("pypi", "executorch"),
    ("pypi", "transformers"),
    ("pypi", "tensorflow-serving-api"),
    ("npm", "@tensorflow/tfjs"),
)
"""(registry, package) pairs asked on every run."""

TRACKED: tuple[tuple[str, str], ...] = (
    *((r, n) for r, n in PACKAGES if n != "tensorflow-serving-api"),
    *(("pypi", n) for n in ("flax", "onnx", "onnxruntime", "tf2onnx", "onnx2tf", "torchao", "lightning", "accelerate", "peft", "safetensors")),
)
"""Packages whose every release the ledger must review (more join by having a ledger file)."""

PYPI = "https://pypi.org"
NPM = "https://registry.npmjs.org"
TIMEOUT = 60


def _get_json(url: str) -> dict:
    """GET a JSON document; only https, or plain http to a test's local server, is allowed."""
    if not (url.startswith("https://") or url.startswith("http://127.0.0.1:")):
        raise SiteError(url, None, "registry URLs must be https (or http://127.0.0.1 in tests)", "pass an https URL")
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "sidebyside-facts"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return json.load(response)


def pypi_answer(base: str, name: str) -> Answer:
    """PyPI's newest stable release: ``info.version``, dated by its earliest uploaded file."""
    data = _get_json(f"{base}/pypi/{urllib.parse.quote(name)}/json")
    version = data["info"]["version"]
    files = data.get("urls") or data.get("releases", {}).get(version) or []
    times = sorted(f["upload_time_iso_8601"] for f in files if f.get("upload_time_iso_8601"))
    if not times:
        raise SiteError(f"{base}/pypi/{name}/json", None, f"no upload time for {name} {version}", "check the package name")
    return Answer(package_key("pypi", name), "pypi", name, version, datetime.date.fromisoformat(times[0][:10]))


def npm_answer(base: str, name: str) -> Answer:
    """npm's ``latest`` dist-tag (the newest stable release) and its publication time."""
    data = _get_json(f"{base}/{urllib.parse.quote(name, safe='@')}")
    version = data["dist-tags"]["latest"]
    return Answer(package_key("npm", name), "npm", name, version, datetime.date.fromisoformat(data["time"][version][:10]))


def is_final(version: str) -> bool:
    """A final release: PEP 440 without pre/dev parts, and no semver ``-tag`` (npm)."""
    try:
        return "-" not in version and not Version(version).is_prerelease
    except InvalidVersion:
        return False


def pypi_releases(base: str, name: str, since: datetime.date = SINCE) -> ReleaseList:
    """Final releases since ``since``, each dated by its earliest file (yanked ones too: they were published)."""
    data = _get_json(f"{base}/pypi/{urllib.parse.quote(name)}/json")
    days = {}
    for version, files in data.get("releases", {}).items():
        times = sorted(f["upload_time_iso_8601"] for f in files if f.get("upload_time_iso_8601"))
        if times and is_final(version) and (day := datetime.date.fromisoformat(times[0][:10])) >= since:
            days[version] = day
    return ReleaseList(package_key("pypi", name), "pypi", name, days)


NPM_FLOOR: dict[str, str] = {"@tensorflow/tfjs": "4.16.0"}
"""Oldest version to list where npm's ``time`` map cannot select releases by day.

npm's document for ``@tensorflow/tfjs`` stamps every version from 0.6 to 4.22
in December 2024 (the map was rewritten), so the day says nothing about when
a version came out; its first release of 2024 is tfjs-v4.16.0 on
https://github.com/tensorflow/tfjs/releases. Versions from the floor up are
listed without a day (``null``), so no made-up day is compared with the ledger.
"""


def npm_releases(base: str, name: str) -> ReleaseList:
    """Final versions since ``SINCE`` (or from ``NPM_FLOOR``) from the registry document's ``time`` map."""
    data = _get_json(f"{base}/{urllib.parse.quote(name, safe='@')}")
    listed = data.get("versions", data["time"])
    days = {v: datetime.date.fromisoformat(t[:10]) for v, t in data["time"].items() if v in listed and is_final(v)}
    floor = NPM_FLOOR.get(name)
    if floor:
        return ReleaseList(package_key("npm", name), "npm", name, dict.fromkeys(v for v in days if Version(v) >= Version(floor)))
    return ReleaseList(package_key("npm", name), "npm", name, {v: d for v, d in days.items() if d >= SINCE})


def tracked() -> list[tuple[str, str]]:
    """``TRACKED`` plus every package that has a ledger file."""
    return sorted(set(TRACKED) | {(p.registry, p.name) for p in load_ledger()})


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def release_lists_json(day: datetime.date, lists: list[ReleaseList]) -> dict:
    """The ``releases.json`` document, newest version first in each package."""
    return {"checked": day.isoformat(), "packages": {
        rl.key: {"registry": rl.registry, "name": rl.name,
                 "releases": {v: _iso(rl.releases[v]) for v in sorted(rl.releases, key=Version, reverse=True)}}
        for rl in sorted(lists, key=lambda rl: rl.key)}}


def record_releases(day: datetime.date, out: Path, pypi: str = PYPI, npm: str = NPM) -> Path:
    """Ask the registries for every tracked package's releases and write ``<out>/releases.json``."""
    lists = [pypi_releases(pypi, n) if r == "pypi" else npm_releases(npm, n) for r, n in tracked()]
    return _write_release_lists(day, lists, out / RELEASE_LISTS.name)


def _write_release_lists(day: datetime.date, lists: list[ReleaseList], target: Path) -> Path:
    """Write the answer as the loader reads it, after the loader has accepted it (a bad answer writes nothing)."""
    data = release_lists_json(day, lists)
    parse_release_lists(target, data)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return target


def record_hardware_releases(day: datetime.date, out: Path, pypi: str = PYPI) -> Path:
    """Every final release of each package ``data/hardware.yml`` declares -> ``<out>/hardware-releases.json``."""
    from sidebyside.data.hardware import HARDWARE, declared_packages

    lists = [pypi_releases(pypi, name, since=datetime.date.min) for name in declared_packages(HARDWARE)]
    return _write_release_lists(day, lists, out / HARDWARE_RELEASES.name)


def ask(pypi: str = PYPI, npm: str = NPM, packages: tuple[tuple[str, str], ...] = PACKAGES) -> dict[str, Answer]:
    answers = {}
    for registry, name in packages:
        answer = pypi_answer(pypi, name) if registry == "pypi" else npm_answer(npm, name)
        answers[answer.key] = answer
    return answers


def record_json(day: datetime.date, answers: dict[str, Answer]) -> dict:
    return {
        "checked": day.isoformat(),
        "packages": {
            key: {"registry": a.registry, "name": a.name, "version": a.version, "released": a.released.isoformat()}
            for key, a in sorted(answers.items())
        },
    }


@dataclass(frozen=True)
class Drift:
    """A data file declares one version, the registry answered another."""

    key: str
    declared: str
    answered: str
    where: str

    def line(self) -> str:
        return f"{self.where}: {self.key} is declared as {self.declared}, the registry now answers {self.answered}"


def drift(record: Record, community: Path = COMMUNITY) -> list[Drift]:
    """Every data-file declaration that disagrees with (or is missing from) the registry's answer."""
    found = []
    for section in load_community(community):
        for fact in section.facts:
            if not fact.registry:
                continue
            answer = record.answers.get(fact.registry)
            answered = answer.version if answer else "(not asked)"
            if answered != fact.version:
                found.append(Drift(fact.registry, fact.version or "", answered, f"{community.name}:{fact.line}"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.facts", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=FACTS_DIR, help="directory for <date>.json (default data/facts)")
    parser.add_argument("--pypi", default=PYPI, help=argparse.SUPPRESS)
    parser.add_argument("--npm", default=NPM, help=argparse.SUPPRESS)
    parser.add_argument("--community", type=Path, default=COMMUNITY, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="only report, do not write a record")
    parser.add_argument("--releases-only", action="store_true", help="only refresh releases.json (the ledger's reference list)")
    args = parser.parse_args(argv)
    day = datetime.date.today()
    if not args.no_write:
        print(f"wrote {record_releases(day, args.out, args.pypi, args.npm)}")
        print(f"wrote {record_hardware_releases(day, args.out, args.pypi)}")
    if args.releases_only:
        return 0
    data = record_json(day, ask(args.pypi, args.npm))
    target = args.out / f"{day.isoformat()}.json"
    if not args.no_write:
        args.out.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    record = parse_record(target, data)
    for answer in record.answers.values():
        print(f"{answer.key:32} {answer.version:12} released {answer.released}")
    try:
        problems = drift(record, args.community)
    except SiteError as error:
        print(error.message, file=sys.stderr)
        return 2
    if problems:
        print("\nDrift: re-check the verdicts that cite these facts, then update 'version:' in the data file.")
        for problem in problems:
            print(f"- {problem.line()}")
        return 1
    print("\nNo drift: every declared version is the newest the registries report.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
