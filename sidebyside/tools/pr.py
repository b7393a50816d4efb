"""``make pr``: the checks a branch's changes need, found from what it changed against main.

The whole suite takes a quarter of an hour; a pull request usually touches
one pair, one page or a few data rows. This maps each changed file to the
tests that cover it and runs only those, after ``check`` (fast, everything)
and before the strict build (when anything the site shows changed):

- ``snippets/<topic>/<pair>.*``: that pair's snippet and parity tests;
- ``data/rosetta.yml``: the API-dictionary rows whose lines changed, and the
  file's own tests; any other ``data/<name>.*``: the tests named after it;
- ``notebooks/<name>.py``: that notebook's tests;
- ``sidebyside/**/<module>.py`` and ``tests/test_*.py``: the tests named after
  the module, and a changed test file itself;
- pages, templates and ``mkdocs.yml``: the build.

``WHAT=topic``, ``WHAT=topic/pair`` or ``WHAT=<file>`` checks that instead of the diff.

    python -m sidebyside.tools.pr [--what topic/pair|file] [--base main] [--dry-run]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, tool_main

SNIPPET_RE = re.compile(r"^snippets/([\w-]+)/([\w-]+)\.\w+\.(?:py|out)$")
BUILD_PREFIXES = ("docs/", "overrides/", "data/", "snippets/", "notebooks/", "sidebyside/site/", "mkdocs.yml")
ROSETTA = "data/rosetta.yml"
FIXED: dict[str, list[str]] = {
    "Makefile": ["tests/test_checkouts.py", "tests/test_workflows.py"],
    "pyproject.toml": ["tests/test_timeouts.py"],
    ".ci/run": ["tests/test_workflows.py"],
}
"""Files outside the layout above, with the tests that cover them."""
LINT_ONLY = re.compile(r"^[\w.-]+\.md$|^\.github/(?!workflows/)")
"""Prose read by people, not by the site: ``make pr``'s lint (codespell) covers it."""


@dataclass
class Plan:
    """What to run: pytest argument lists (each one pytest call) and whether to build the site."""

    pytest: list[list[str]] = field(default_factory=list)
    build: bool = False
    check: list[str] = field(default_factory=list)
    """Arguments for ``check``: the topic or pair that ``WHAT`` names must exist."""
    unmapped: list[str] = field(default_factory=list)

    def commands(self) -> list[list[str]]:
        python = sys.executable
        steps = [[python, "-m", "sidebyside", "check", *self.check]]
        steps += [[python, "-m", "pytest", "-q", "-n", "0", *args] for args in self.pytest]
        if self.build:
            steps.append([python, "-m", "mkdocs", "build", "--strict", "-q", "-d", "build/pr-site"])
        return steps


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def changed_files(base: str) -> list[str]:
    """Files the branch changed since it left ``base``: commits, uncommitted edits and new files."""
    try:
        fork = git("merge-base", "HEAD", base).strip()
    except subprocess.CalledProcessError:
        raise SiteError("<git>", None, f"no common history with '{base}'", "fetch it or name the base: make pr BASE=<branch>") from None
    files = git("diff", "--name-only", fork).splitlines() + git("ls-files", "--others", "--exclude-standard").splitlines()
    return sorted(set(files))


def changed_lines(path: str, base: str) -> set[int]:
    """Line numbers in the current ``path`` that differ from ``base`` (added or edited)."""
    fork = git("merge-base", "HEAD", base).strip()
    lines: set[int] = set()
    for match in re.finditer(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", git("diff", "-U0", fork, "--", path), re.MULTILINE):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def rows_at(lines: set[int]) -> list[str]:
    """Ids of the API-dictionary rows whose text holds one of ``lines``."""
    from sidebyside.data.rosetta import all_rows, load_rosetta

    rows = sorted(all_rows(load_rosetta()), key=lambda row: row.line)
    ends = [row.line for row in rows[1:]] + [sys.maxsize]
    return [row.id for row, end in zip(rows, ends, strict=True) if any(row.line <= n < end for n in lines)]


def tests_named(stem: str) -> list[str]:
    """``tests/test_<stem>.py`` and ``tests/test_<stem>_*.py`` that exist; for ``a_b`` with none, those of ``a``."""
    found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob(f"test_{stem}*.py") if re.fullmatch(rf"test_{stem}(_\w+)?\.py", p.name))
    return found or (tests_named(stem.split("_")[0]) if "_" in stem.strip("_") else [])


def _add(whole: set[str], result: Plan, path: str, tests: list[str]) -> None:
    """Queue ``tests`` for ``path``, or note that no test is named after it."""
    if tests:
        whole.update(tests)
    else:
        result.unmapped.append(path)


def plan(files: list[str], rows: list[str] | None = None) -> Plan:
    """Map changed files to tests; ``rows`` are the changed API-dictionary rows (when ``data/rosetta.yml`` changed)."""
    result = Plan()
    pairs: set[str] = set()
    whole: set[str] = set()
    for path in files:
        result.build = result.build or path.startswith(BUILD_PREFIXES)
        name = Path(path)
        if path in FIXED or path.startswith(".github/workflows/"):
            whole.update(FIXED.get(path, ["tests/test_workflows.py"]))
        elif LINT_ONLY.match(path):
            continue
        elif match := SNIPPET_RE.match(path):
            pairs.add(f"{match.group(1)}/{match.group(2)}")
        elif path.startswith("data/"):
            stem = name.parts[1] if len(name.parts) > 2 else name.stem
            rows_alone = path == ROSETTA and rows is not None  # its changed rows run alone, below
            named = [t for t in tests_named(stem) if not (rows_alone and t == "tests/test_rosetta.py")]
            _add(whole, result, path, named)
        elif path.startswith("notebooks/") and name.suffix == ".py":
            result.pytest.append(["tests/test_notebooks.py", "-k", name.stem])
        elif path.startswith("tests/") and name.name.startswith("test_") and name.suffix == ".py":
            whole.add(path)
        elif path.startswith("sidebyside/") and name.suffix == ".py":
            _add(whole, result, path, tests_named(name.stem) + (tests_named(name.parent.name) if name.stem in ("__init__", "run") else []))
        elif not path.startswith(BUILD_PREFIXES):
            result.unmapped.append(path)
    if pairs:
        result.pytest.append(["tests/test_snippets.py", "tests/test_parity.py", "-k", " or ".join(sorted(pairs))])
    if rows:
        result.pytest.append(["tests/test_rosetta.py", "-k", " or ".join(rows)])
    if whole:
        result.pytest.append(sorted(whole))
    return result


def plan_for(what: str | None, base: str) -> Plan:
    """The plan for ``WHAT`` (a topic, a pair or a file), or for the branch's diff against ``base``."""
    if what and not (ROOT / what).exists():
        return Plan(pytest=[["tests/test_snippets.py", "tests/test_parity.py", "-k", what]], build=True, check=[what])
    files = [what] if what else changed_files(base)
    rows = rows_at(changed_lines(ROSETTA, base)) if ROSETTA in files and not what else None
    return plan(files, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.tools.pr", description=__doc__.split("\n")[0])
    parser.add_argument("--what", help="a topic, topic/pair or file to check instead of the diff")
    parser.add_argument("--base", default="main", help="branch the changes are measured against (default main)")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = parser.parse_args(argv)
    steps = plan_for(args.what, args.base)
    for path in steps.unmapped:
        print(f"make pr: no targeted test for {path}; 'make test' runs everything")
    for command in steps.commands():
        print("+ " + " ".join(command[1:] if command[0] == sys.executable else command), flush=True)
        if not args.dry_run and subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            return 1
    return 0


if __name__ == "__main__":
    tool_main(main)
