r"""Numbers the prose quotes from the code it shows are checked against that code.

A recording backs what a pair prints; this module backs what a sentence says
about the code itself, which nothing prints. Two forms are recognised:

- a **counted noun**, a number (digits or a word) before a plural noun,
  ``four heads`` or ``20 epochs``, when the code shown sets a count with
  that name (``n_head=4``, ``num_heads=4``, ``EPOCHS = 20``,
  ``train_epochs=20``): the number must be one the code sets; a count the
  code names otherwise is tied by a figure comment right after it
  (``two blocks <!-- figure: path "n_layer=(\d+)" -->``);
- a **quoted constant**, a code span ``NAME = number`` with an upper-case
  name and spaces around ``=`` as the code writes it (```CLIP = 0.25```;
  ```TF_USE_LEGACY_KERAS=1``` is an environment variable): the code shown must assign that value to that
  name, or a ``<!-- figure: path "regex" -->`` comment after it on the line
  names the file that does (checked like any figure).

"The code shown" is the code of the pairs in the same section of a page
(between two headings), or every code cell of a notebook source for the
notebook's Markdown cells. A counted noun the code does not name is left
alone; a quoted constant is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sidebyside import ROOT
from sidebyside.site import figures
from sidebyside.site.figures import Figure, Problem

PAIR_RE = re.compile(r"^\s*@pair\s+(?P<id>[\w-]+/[\w-]+)")
COUNT_RE = re.compile(r"(?<![\w.,\-])(?P<n>\d+|" + "|".join(figures.NUMBER_WORDS) + r")\s+(?P<noun>[a-z]+s)\b",
                      re.IGNORECASE)
CONSTANT_RE = re.compile(r"`(?P<name>[A-Z][A-Z0-9_]*) = (?P<value>[-+]?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*`")
ASSIGNED_INT_RE = re.compile(r"\b(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<value>\d+)(?![.\w])")
FRAMEWORKS = ("tensorflow", "pytorch")
FIX_COUNT = "write the number the code sets, or change the code and re-record its outputs"
FIX_CONSTANT = ("quote the assignment as the code has it, or back it with "
                "'<!-- figure: path/from/repo/root \"^NAME = (\\S+)\" -->' after it naming the file that sets it")


def _count_names(noun: str) -> set[str]:
    """Names a count of ``noun`` goes by in code: heads -> heads, n_head, num_heads, ..."""
    plural = noun.lower()
    stems = {plural, plural[:-1]} | ({plural[:-2]} if plural.endswith("es") else set())
    return {plural} | {f"{prefix}_{stem}" for prefix in ("n", "num") for stem in stems}


def _sets_count(name: str, noun: str) -> bool:
    lowered = name.lower()
    return lowered in _count_names(noun) or lowered.endswith("_" + noun.lower())


def _constant_values(code: str, name: str) -> list[str]:
    """Values ``name`` is assigned at the start of a line in ``code``."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)
    return [m.group(1) for m in pattern.finditer(code)]


def _same_value(a: str, b: str) -> bool:
    try:
        return float(a.replace("_", "")) == float(b.replace("_", ""))
    except ValueError:  # the code assigns an expression, not a literal
        return False


def page_sections(markdown: str, root: Path = ROOT) -> Iterator[tuple[set[int], str, str]]:
    """(line numbers, code shown, what the code is called) for each section of a page."""
    lines = markdown.splitlines()
    start = 0
    for end in [n for n, line in enumerate(lines) if figures.HEADING_RE.match(line)] + [len(lines)]:
        block = lines[start:end]
        pairs = [m["id"] for line in block if (m := PAIR_RE.match(line))]
        code = "\n".join(path.read_text(encoding="utf-8") for pair in pairs for fw in FRAMEWORKS
                         if (path := root / "snippets" / f"{pair}.{fw}.py").is_file())
        yield set(range(start + 1, end + 1)), code, ", ".join(pairs)
        start = end


def notebook_markdown(text: str) -> tuple[str, str]:
    """(Markdown cells with every other line blank, code cells) of a jupytext percent source."""
    markdown, code = [], []
    in_markdown = False
    for line in text.splitlines():
        if line.startswith("# %%"):
            in_markdown = line.startswith("# %% [markdown]")
            markdown.append("")
            code.append("")
            continue
        markdown.append(re.sub(r"^# ?", "", line) if in_markdown else "")
        code.append("" if in_markdown else line)
    return "\n".join(markdown), "\n".join(code)


def check_text(path: Path, markdown: str, sections: list[tuple[set[int], str, str]],
               root: Path = ROOT) -> tuple[list[Figure], list[Problem]]:
    """The counted nouns and quoted constants of one page (or notebook) against the code each section shows."""
    found: list[Figure] = []
    problems: list[Problem] = []
    for number, raw, text in figures.prose_lines(markdown):
        section = next(((code, name) for lines, code, name in sections if number in lines), None)
        if section is None:
            continue
        code, shown = section
        for match in COUNT_RE.finditer(text):
            word = match["n"].lower()
            value = int(word) if word.isdigit() else figures.WORD_VALUES[word]
            assigned = [(m["name"], int(m["value"])) for m in ASSIGNED_INT_RE.finditer(code)
                        if _sets_count(m["name"], match["noun"])]
            figure = Figure(path, number, match.group(), float(value), 0, column=match.start())
            if not assigned:
                backing = _backing_right_after(raw, match.end(), figure)
                if backing is not None:
                    found.append(figure)
                    why = figures.check_figure(figure, backing, root)
                    if why:
                        problems.append(Problem(figure, f"does not match the file it names: {why}", FIX_COUNT))
                continue
            found.append(figure)
            if value not in {v for _, v in assigned}:
                sets = ", ".join(sorted({f"{n}={v}" for n, v in assigned}))
                problems.append(Problem(figure, f"does not match the code it describes: {shown} sets {sets}",
                                        FIX_COUNT))
        for match in CONSTANT_RE.finditer(raw):
            figure = Figure(path, number, f"{match['name']} = {match['value']}", 0.0, 0, column=match.start())
            found.append(figure)
            values = _constant_values(code, match["name"])
            if any(_same_value(v, match["value"]) for v in values):
                continue
            why = _constant_backing(figure, match, raw, root)
            if why is None:
                continue
            if values:
                why = f"does not match the code it quotes: {shown} sets {match['name']} = {values[0]}"
            problems.append(Problem(figure, why, FIX_CONSTANT))
    return found, problems


def _backing_right_after(raw: str, end: int, figure: Figure) -> figures.Backing | None:
    """A figure comment that directly follows a counted noun ('two blocks <!-- figure: ... -->'), if any."""
    for backing in figures._backings(raw, figure.path, figure.line):
        if backing.column >= end and not raw[end:backing.column].strip():
            return backing
    return None


def _constant_backing(figure: Figure, match: re.Match[str], raw: str, root: Path) -> str | None:
    """Why the figure comment after a quoted constant does not back it (None when it does)."""
    backings = [b for b in figures._backings(raw, figure.path, figure.line) if b.column > match.start()]
    if not backings:
        return "quotes a constant the code in its section does not set"
    token = match["value"].replace("_", "")
    shown = Figure(figure.path, figure.line, figure.text, float(token), figures._decimals(token), column=figure.column)
    why = figures.check_figure(shown, backings[0], root)
    return None if why is None else f"does not match the file it names: {why}"


def check_page(path: Path, root: Path = ROOT) -> tuple[list[Figure], list[Problem]]:
    """A Markdown page: each section against its pairs' code."""
    markdown = path.read_text(encoding="utf-8")
    return check_text(path, markdown, list(page_sections(markdown, root)), root)


def check_notebook(path: Path, root: Path = ROOT) -> tuple[list[Figure], list[Problem]]:
    """A notebook source: its Markdown cells against its code cells."""
    markdown, code = notebook_markdown(path.read_text(encoding="utf-8"))
    lines = set(range(1, markdown.count("\n") + 2))
    return check_text(path, markdown, [(lines, code, path.name)], root)


def check_site(root: Path = ROOT) -> tuple[list[Figure], list[Problem]]:
    """Every page and every notebook source."""
    found: list[Figure] = []
    problems: list[Problem] = []
    for path, check in [*((p, check_page) for p in figures.pages(root)),
                        *((p, check_notebook) for p in sorted((root / "notebooks").glob("*.py")))]:
        page_found, page_problems = check(path, root)
        found.extend(page_found)
        problems.extend(page_problems)
    return found, problems
