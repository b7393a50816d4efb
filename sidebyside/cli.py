"""Contributor commands: scaffold a pair, record outputs, check the tree.

    python -m sidebyside new topic/pair       two halves with a header
    python -m sidebyside record [topic[/pair]] re-run and rewrite .out files
    python -m sidebyside check                 validate snippets, pages and pair parity
    python -m sidebyside notebooks [name]      execute stale (or named) tutorial notebooks

Every failure prints one ``file:line: problem; fix`` line and exits 1.
A failed run never touches the recording that was there before.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.pairs import parity
from sidebyside.pairs.catalog import FRAMEWORKS, NAME_RE, SNIPPETS, Pair, discover, suggest
from sidebyside.pairs.expand import find_directives
from sidebyside.pairs.runner import Result, run, write_recording

TEMPLATE = '''# title: {title}
"""{label} half of {key}: replace this with a complete script that prints its result."""

print("hello from {label}")
'''


def cmd_new(key: str, root: Path = SNIPPETS) -> list[Path]:
    """Create both halves of ``topic/pair``; refuse to overwrite anything."""
    topic, _, name = key.partition("/")
    for part, what in ((topic, "topic"), (name, "pair")):
        if not NAME_RE.match(part or ""):
            raise SiteError("<command line>", None, f"{what} name '{part}' is not lowercase-hyphen", "use e.g. 'execution-model/eager-by-default'")
    made = []
    title = name.replace("-", " ").capitalize()
    for framework in FRAMEWORKS:
        path = root / topic / f"{name}.{framework}.py"
        if path.exists():
            raise SiteError(path, None, "already exists", "pick another pair name or edit the file")
    for framework, label in FRAMEWORKS.items():
        path = root / topic / f"{name}.{framework}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEMPLATE.format(title=title, label=label, key=key), encoding="utf-8")
        made.append(path)
    return made


def select(pairs: dict[str, Pair], selector: str | None) -> list[Pair]:
    """Pairs matching ``topic`` or ``topic/pair`` (all when None)."""
    if not selector:
        return list(pairs.values())
    chosen = [p for p in pairs.values() if selector in (p.topic, p.key)]
    if not chosen:
        keys = sorted(pairs) + sorted({p.topic for p in pairs.values()})
        raise SiteError("<command line>", None, f"no pair or topic '{selector}'", suggest(selector, keys))
    return chosen


def cmd_record(selector: str | None, root: Path = SNIPPETS, jobs: int = 2) -> list[Result]:
    """Run the selected halves; write recordings only if every run succeeded."""
    pairs = discover(root, require_outputs=False)
    halves = [h for pair in select(pairs, selector) for h in pair.halves.values()]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run, half) for half in halves]
        errors: list[SiteError] = []
        results: list[Result] = []
        for future in futures:
            try:
                results.append(future.result())
            except SiteError as error:
                errors.append(error)
    if errors:
        raise errors[0]
    for result in results:
        write_recording(result)
    return results


def cmd_check(root: Path = SNIPPETS, docs: Path = ROOT / "docs") -> str:
    """Validate the snippet tree, every pair reference in the pages and the parity of the recordings.

    Nothing is run: parity compares the committed ``.out`` files (see
    ``sidebyside.pairs.parity``), so this is fast enough to gate every test run.
    """
    pairs = discover(root)
    referenced: set[str] = set()
    for page in sorted(docs.rglob("*.md")):
        for directive in find_directives(page.read_text(encoding="utf-8")):
            if directive.kind != "pair":
                continue
            if directive.arg not in pairs:
                raise SiteError(page, directive.line, f"unknown pair '{directive.arg}'", suggest(directive.arg, sorted(pairs)))
            referenced.add(directive.arg)
    unused = sorted(set(pairs) - referenced)
    if unused:
        pair = pairs[unused[0]]
        raise SiteError(pair.halves["tensorflow"].path, None, f"pair '{pair.key}' is not shown on any page",
                        f"add '@pair {pair.key}' to a page under docs/")
    for pair in pairs.values():
        problems = parity.check_pair(pair)
        if problems:
            first = str(problems[0]).replace("\n", "; ")
            raise SiteError(pair.halves["tensorflow"].out_path, None,
                            f"pair '{pair.key}' fails parity ({len(problems)} problem(s)); first: {first}",
                            "see the message of tests/test_parity.py for this pair, fix the snippets and re-record")
    summary = f"{len(pairs)} pairs, all recorded and referenced; {parity.shares(pairs.values())}"
    if root != SNIPPETS:
        return summary
    data = check_data()
    return f"{summary}; data files valid ({data}); {check_figures()}"


def check_figures() -> str:
    """Every figure in the pages' prose is checked against a recording or sourced (``sidebyside.site.figures``)."""
    from sidebyside.site import figures

    problems, totals = figures.check_site()
    if problems:
        first = problems[0]
        raise SiteError(first.figure.path, first.figure.line,
                        f"{len(problems)} figure(s) in prose not backed; first: '{first.figure.text}' {first.why}",
                        first.fix)
    return figures.summary(totals)


def check_data() -> str:
    """Validate every data/*.yml file without building (anchors are checked by the build)."""
    from sidebyside.data.claims import load_claims
    from sidebyside.data.community import load_community
    from sidebyside.data.comparison import load_comparison
    from sidebyside.data.decision import load_decision
    from sidebyside.data.rosetta import load_rosetta

    loaders = {"comparison": load_comparison, "decision": load_decision, "rosetta": load_rosetta,
               "claims": load_claims, "community": load_community}
    for loader in loaders.values():
        loader()
    return ", ".join(loaders)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("new", help="scaffold both halves of a pair").add_argument("key", help="topic/pair")
    rec = sub.add_parser("record", help="re-run snippets and rewrite their .out files")
    rec.add_argument("selector", nargs="?", help="topic or topic/pair (default: all)")
    rec.add_argument("-j", "--jobs", type=int, default=2, help="parallel runs (default 2)")
    sub.add_parser("check", help="validate snippets and pair references")
    nbs = sub.add_parser("notebooks", help="execute notebooks/*.py into docs/notebooks/*.ipynb")
    nbs.add_argument("name", nargs="?", help="one notebook (default: every one whose source changed)")
    nbs.add_argument("--force", action="store_true", help="re-execute all, even when up to date")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            for path in cmd_new(args.key):
                print(f"created {path.relative_to(ROOT)}")
            print(f"next: edit both files, then run: python -m sidebyside record {args.key}")
        elif args.command == "record":
            for result in cmd_record(args.selector, jobs=args.jobs):
                print(f"recorded {result.half.out_path.relative_to(ROOT)} ({result.half.label} {result.version})")
        elif args.command == "notebooks":
            from sidebyside.pairs.notebooks import record  # imports nbclient: only when asked

            for line in record(args.name, force=args.force):
                print(line)
        else:
            print(cmd_check())
    except SiteError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    return 0
