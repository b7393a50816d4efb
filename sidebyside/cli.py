"""Contributor commands: scaffold a pair, record outputs, check the tree.

    python -m sidebyside new topic/pair       both halves with a header (or only the missing one)
    python -m sidebyside record [topic[/pair]] re-run (twice) and rewrite .out files
    python -m sidebyside check [topic[/pair]]  validate snippets, pages, pair parity and data links
    python -m sidebyside notebooks [name]      execute stale (or named) tutorial notebooks

Run them with the test environment's interpreter (``make venv``, then
``.venv/bin/python -m sidebyside ...``): ``record`` needs both frameworks.

Every failure prints one ``file:line: problem; fix`` line and exits 1.
A failed run never touches the recording that was there before.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, raise_all, read_text
from sidebyside.pairs import headers, parity, setup
from sidebyside.pairs.catalog import FRAMEWORKS, NAME_RE, SNIPPETS, Pair, discover, parse_header, suggest
from sidebyside.pairs.expand import find_directives, shown_lines
from sidebyside.pairs.runner import Result, require_frameworks, run_twice, write_recording

TEMPLATE = '''# title: {title}
"""{label} half of {key}: replace this with a complete script that prints its result."""

print("hello from {label}")
'''


def cmd_new(key: str, root: Path = SNIPPETS) -> list[Path]:
    """Create the halves of ``topic/pair`` that do not exist yet; never overwrite one.

    When one half is already written, only its twin is scaffolded, with the
    same title, so the missing-half error's suggested command always works.
    """
    topic, _, name = key.partition("/")
    for part, what in ((topic, "topic"), (name, "pair")):
        if not NAME_RE.match(part or ""):
            raise SiteError("<command line>", None, f"{what} name '{part}' is not lowercase-hyphen", "use e.g. 'execution-model/eager-by-default'")
    made = []
    paths = {framework: root / topic / f"{name}.{framework}.py" for framework in FRAMEWORKS}
    existing = [path for path in paths.values() if path.exists()]
    if len(existing) == len(paths):
        raise SiteError(existing[0], None, "already exists (both halves do)", "pick another pair name or edit the files")
    title = name.replace("-", " ").capitalize()
    if existing:
        header = parse_header(existing[0])
        title = header["title"][0] if header.get("title") else title
    for framework, label in FRAMEWORKS.items():
        path = paths[framework]
        if path.exists():
            continue
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
    """Run each selected half twice; write recordings only if every run succeeded and repeated.

    Every failing half is reported (not just the first), so one run shows
    all there is to fix.
    """
    pairs = discover(root, require_outputs=False)
    halves = [h for pair in select(pairs, selector) for h in pair.halves.values()]
    require_frameworks({half.framework for half in halves})
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_twice, half) for half in halves]
        errors: list[SiteError] = []
        results: list[Result] = []
        for future in futures:
            try:
                results.append(future.result())
            except SiteError as error:
                errors.append(error)
    raise_all(errors)
    refuse_disagreement(pairs, results)
    for result in results:
        write_recording(result)
    return results


def refuse_disagreement(pairs: dict[str, Pair], results: list[Result]) -> None:
    """Parity of the new outputs, before anything is written: what differs, line by line, now rather than at ``check``."""
    owner = {half.path: key for key, pair in pairs.items() for half in pair.halves.values()}
    runs: dict[str, dict[str, str]] = {}
    for result in results:
        runs.setdefault(owner[result.half.path], {})[result.half.framework] = result.output
    fix = ("nothing was recorded; make both halves print the same values in the same format (a real difference "
           "needs '# differs: <why>' with '# same:' lines, or '# tolerance: <rel> (<reason>)')")
    errors = [SiteError(pairs[key].halves["tensorflow"].path, None, f"'{key}' {problem.one_line()}", fix)
              for key, outputs in runs.items() for problem in parity.check_outputs(pairs[key], outputs)]
    raise_all(errors)


def cmd_check(root: Path = SNIPPETS, docs: Path = ROOT / "docs", with_data: bool | None = None) -> str:
    """Validate the snippet tree, every pair reference in the pages, the parity of the recordings and the data files' links.

    Nothing is run: parity compares the committed ``.out`` files (see
    ``sidebyside.pairs.parity``), so this is fast enough to gate every test run.
    ``with_data`` defaults to True for the real tree (a scratch tree has no data files).
    """
    pairs = discover(root)
    referenced: set[str] = set()
    for page in sorted(docs.rglob("*.md")):
        for directive in find_directives(read_text(page)):
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
    summary = f"{len(pairs)} pairs, all recorded and referenced; {parity.shares(pairs.values())}; {setup_folds(pairs)}"
    if not (root == SNIPPETS if with_data is None else with_data):
        return summary
    summary = f"{summary}; {check_data(pairs, docs)}"
    if root != SNIPPETS:  # figures, recording headers and the conversion matrix: the real tree only
        return summary
    summary = f"{summary}; {headers.check(pairs)}"
    from sidebyside.data import consistency, status_text  # verdicts against each other; statuses against data/status.yml
    from sidebyside.site import pair_claims, reader_pages, shown_by  # what cited pairs and replacement links must show
    from sidebyside.tools import measured  # measured records against their samples
    from sidebyside.tools.conversions import coverage  # the matrix record against the code's paths and families

    return (f"{summary}; {check_figures()}; {coverage.check()}; {status_text.check()}; {consistency.check(docs)}; "
            f"{reader_pages.check(docs)}; {pair_claims.check()}; {shown_by.check()}; {measured.check()}")


def setup_folds(pairs: dict[str, Pair]) -> str:
    """How far the folded setup regions move each half's lesson up the page (``sidebyside.pairs.setup``)."""
    halves = []
    for pair in pairs.values():
        for half in pair.halves.values():
            lines = read_text(half.path).splitlines()
            halves.append((lines, *shown_lines(half), half.setup))
    return setup.summary(halves)


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


def check_data(pairs: dict[str, Pair], docs: Path = ROOT / "docs") -> str:
    """Validate every registered data file and resolve its page links and pair references.

    Anchors on pages with ``@render`` content may come from the generated
    part, which only the build sees; those are counted and left to the build,
    and the summary says so rather than calling everything valid.
    """
    from sidebyside.data import loaders
    from sidebyside.data.fields import PairRef, references
    from sidebyside.site.page_anchors import has_generated_content, static_anchors

    pages: dict[str, tuple[set[str], bool]] = {}
    resolved = deferred = 0
    for load in loaders().values():
        for ref in references(load()):
            if isinstance(ref, PairRef):
                if ref not in pairs:
                    raise SiteError(ref.origin, ref.line, f"unknown pair '{ref}'", suggest(ref, sorted(pairs)))
                resolved += 1
                continue
            page, _, anchor = ref.partition("#")
            if page not in pages:
                source = docs / page
                if not source.is_file():
                    fix = "use a docs-relative path such as 'topics/execution-model.md#anchor'"
                    raise SiteError(ref.origin, ref.line, f"link to unknown page '{page}'", fix)
                text = read_text(source)
                pages[page] = (static_anchors(text), has_generated_content(text))
            anchors, generated = pages[page]
            if not anchor or anchor in anchors:
                resolved += 1
            elif generated:
                deferred += 1
            else:
                raise SiteError(ref.origin, ref.line, f"link to unknown anchor '{anchor}' on '{page}'", "use a heading id that exists on that page")
    names = ", ".join(sorted({name.split("/")[0].removesuffix(".yml") for name in loaders()}))  # data/releases/*.yml: "releases"
    summary = f"data files valid ({names}); {resolved} data links resolved"
    if deferred:
        summary += f", {deferred} anchors on generated pages left to 'make build'"
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("new", help="scaffold both halves of a pair").add_argument("key", help="topic/pair")
    rec = sub.add_parser("record", help="re-run snippets and rewrite their .out files")
    rec.add_argument("selector", nargs="?", help="topic or topic/pair (default: all)")
    rec.add_argument("-j", "--jobs", type=int, default=2, help="parallel runs (default 2)")
    chk = sub.add_parser("check", help="validate snippets, pair references and data links")
    chk.add_argument("selector", nargs="?", help="also require this topic or topic/pair to exist (make pr uses it)")
    nbs = sub.add_parser("notebooks", help="execute notebooks/*.py into docs/notebooks/*.ipynb")
    nbs.add_argument("name", nargs="?", help="one notebook (default: every one whose source changed)")
    nbs.add_argument("--force", action="store_true", help="re-execute all, even when up to date")
    args = parser.parse_args(argv)
    if args.command == "new":
        for path in cmd_new(args.key):
            print(f"created {path.relative_to(ROOT)}")
        print(f"next: write the script(s), then run: .venv/bin/python -m sidebyside record {args.key}")
    elif args.command == "record":
        for result in cmd_record(args.selector, jobs=args.jobs):
            print(f"recorded {result.half.out_path.relative_to(ROOT)} ({result.half.label} {result.version})")
    elif args.command == "notebooks":
        from sidebyside.pairs.notebooks import record  # imports nbclient: only when asked

        for line in record(args.name, force=args.force):
            print(line)
    else:
        if args.selector:
            select(discover(require_outputs=False), args.selector)
        print(cmd_check())
    return 0
