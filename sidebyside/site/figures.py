r"""Every figure in a page's prose is backed by a recording or a dated source.

A figure typed by hand goes stale silently: a snippet is re-recorded, the
``.out`` moves, the sentence quoting it does not. This module finds the
figures a reader would take as measurements and says, for each, whether
something checks it. It needs no framework and no MkDocs: it reads the
Markdown, the recordings and the data files as text. CONTRIBUTING.md
("Figures in prose") is the contributor's version of these rules.

What counts as a figure (in prose, tables, admonitions, alt text and the
front-matter description): a number with a decimal point, a percentage,
scientific notation, "N times" / "Nx" / "twice" / "N-fold" (digits or a
number word) and a whole number above 9. Not figures: anything in fenced
code, headings, link targets, HTML tags and attributes and issue numbers
(``#3821``); dates and years (a whole number from 1990 to 2099 after a
month, 'in', 'since' and the like, a bracket or a comma: elsewhere,
as in '(default 2000)', it is a figure); versions, recognised by form (``2.21.0``,
``2.3+``, a decimal next to a release year: ``1.0, 2018``) or by the word
before them (a product name or "since": ``TensorBoard 2.3``, ``since
2.6``); and inline code, which is code (``eps=1e-8``, ``momentum=0.99``,
``(0, 3, 1, 2)``): an argument or a default is an API fact that the pair
runs. A code span holding only a number with 4 or more significant digits
(```0.99900001```) reads as a result and stays a figure.

How a figure is backed (one of):

- **checked**: an HTML comment after it on the same line,
  ``<!-- figure: layer-defaults/adam-epsilon.pytorch "moves w by (\S+)" -->``,
  names a recording (``topic/pair.framework`` is its ``.out``; any other
  text file by its path from the repository root: a script, a notebook
  source, a JSON result) and optionally regular expressions choosing its
  lines (with capture groups, only the captured text). Every figure between
  the previous comment on that line and this one must equal a chosen number
  once that number is rounded to the digits the prose shows; a percentage
  is compared as a fraction. ``ratio "a" / "b"`` compares the figure with
  the first number ``a`` chooses divided by the first ``b`` chooses;
  ``change "a" / "b"`` with ``a / b - 1``.
- **sourced**: the same sentence links to a source and says ``as of
  YYYY-MM-DD``: a fact code cannot check (a count in someone else's
  documentation, a release).
- **rendered**: the figure is not in the Markdown at all, because a
  ``@render`` directive produces it from data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError
from sidebyside.mdtext import outside_fences
from sidebyside.pairs.parity import to_float

HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s")
DIRECTIVE_RE = re.compile(r"^\s*@(pair|render)\s")
COMMENT_RE = re.compile(r"<!--(.*?)-->")
BACKING_RE = re.compile(
    r"^\s*figure:\s*(?P<source>\S+)(?:\s+(?P<ratio>ratio|change)\s+)?\s*(?P<labels>(?:\"[^\"]*\"\s*(?:/\s*)?)*)\s*$"
)
LABEL_RE = re.compile(r'"([^"]*)"')
CODE_RE = re.compile(r"(`+)(.+?)\1")
LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+|\{[^{}]*[#=][^{}]*\}|#\d+")
TAG_RE = re.compile(r"<[^>]+>")
DATE_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
VERSION_RE = re.compile(
    r"\b(?:version|versions|release|TensorFlow|PyTorch|torch|Keras|Python|JAX|ONNX|opset|CUDA|cuDNN|"
    r"onnxruntime|tf2onnx|NumPy|TF|Lightning|Transformers|TorchScript|XLA|ROCm|Node|Lighthouse|MkDocs|"
    r"Material|TensorBoard|Apache|KerasHub|torchvision|since|stable in|coming in)"
    r"(?:'s)?\s+v?\d+\.\d+(?:\.x)?\b(?:\s*(?:and|or|to|-|–|/|,)\s*\d+\.\d+\b)*(?!\s*(?:times\b|x\b|×|%))",
    re.IGNORECASE,
)
"""A decimal after a product name or 'since' reads as its version ('TensorBoard 2.3', 'since 2.6')."""
DOTTED_VERSION_RE = re.compile(
    r"\b\d+\.\d+\.\d+(?:\.\d+)*\b|\b\d+\.\d+\.x\b|\b\d+\.x\b|\b\d+\.\d+\+"
    r"|\b\d+\.\d+(?=,? \(?(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) )?(?:19|20)\d\d\b)"
)
"""Versions by form: x.y.z, x.y.x, x.y+, and x.y next to a release year ('1.0, 2018', '1.1 (May 2019')."""
SOURCED_RE = re.compile(r"\bas of \d{4}-\d{2}-\d{2}\b")
LINK_RE = re.compile(r"\]\([^)]+\)|<https?://[^>]+>|\]\[[^\]]*\]")
NUMBER_WORDS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred").split()
TIMES_RE = re.compile(
    r"(?<![\w.])(?:(?P<n>\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")(?:\s+times\b|x(?!\w)|-fold\b)"
    r"|(?P<twice>twice)(?= as\b| the\b))",
    re.IGNORECASE,
)
PROSE_NUMBER_RE = re.compile(
    r"(?<![\w.\-/])(?P<n>[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+−]?\d+)?)(?P<pct>\s?%)?(?![\w/])"
)
YEAR_RANGE = range(1990, 2100)
YEAR_BEFORE_RE = re.compile(
    r"(?:\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|in|since|of|from|to|until|by|about|around|before|after|and|or)\s+|[(,–-]\s*)$|^\s*$",
    re.IGNORECASE,
)
"""What comes before a whole number from 1990 to 2099 that makes it a year ('in 2024', 'May 2019', '(2016)').

At the start of a line the context is on the line before, so the number is taken as a year.

Elsewhere such a number is a figure like any other: '(default 2000)' is a default, not a year.
"""
ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)\b")
RECORD_NUMBER_RE = re.compile(r"(?<![\d.])[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?")
"""A number in a recording, also inside words such as ``224x224`` or ``ATOL=1e-05``."""
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(<*])")
WORD_VALUES = {w: v for w, v in zip(NUMBER_WORDS, [*range(2, 21), 30, 40, 50, 100], strict=True)}

FIX = ("back it with '<!-- figure: topic/pair.framework \"line regex\" -->' after it on the same line "
       "(checked against the recording), link a source with 'as of YYYY-MM-DD' in the same sentence, "
       "or render it with '@render'; see CONTRIBUTING.md, 'Figures in prose'")


@dataclass(frozen=True)
class Figure:
    """One figure as the reader sees it on ``path:line``."""

    path: Path
    line: int
    text: str
    value: float
    decimals: int
    percent: bool = False
    times: bool = False
    column: int = 0

    def where(self) -> str:
        return SiteError(self.path, self.line, "").message.rstrip(": ")


@dataclass(frozen=True)
class Backing:
    """A ``<!-- figure: ... -->`` comment: where to look for the figures before it."""

    source: str
    labels: tuple[str, ...]
    mode: str
    """'' (a chosen number), 'ratio' (a / b) or 'change' (a / b - 1)."""
    column: int


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Replace what ``pattern`` matches by spaces, keeping columns."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _significant(token: str) -> int:
    mantissa = token.lower().partition("e")[0].lstrip("+-−")
    return len(mantissa.replace(".", "").replace(",", "").lstrip("0"))


def _code_spans(text: str) -> str:
    """Blank inline code: it is code (an argument, a default, a literal the pair sets).

    A code span holding only a number with 4 or more significant digits
    (```0.99900001```) reads as a result, so it stays a figure.
    """
    def keep_result(match: re.Match[str]) -> str:
        inner = match.group(2).strip()
        if PROSE_NUMBER_RE.fullmatch(inner) and _significant(inner) >= 4:
            return " " * len(match.group(1)) + match.group(2) + " " * len(match.group(1))
        return " " * len(match.group())
    return CODE_RE.sub(keep_result, text)


def prose_lines(markdown: str) -> Iterator[tuple[int, str, str]]:
    """(line number, raw line, line with non-prose blanked) for lines a reader reads as prose."""
    front = False
    for number, raw in outside_fences(markdown):
        if number == 1 and raw.strip() == "---":
            front = True
            continue
        if front:
            if raw.strip() == "---":
                front = False
                continue
            if not raw.startswith("description:"):
                continue
        if HEADING_RE.match(raw) or DIRECTIVE_RE.match(raw):
            continue
        text = _code_spans(raw)
        for pattern in (COMMENT_RE, LINK_TARGET_RE, TAG_RE, DATE_RE, VERSION_RE, DOTTED_VERSION_RE, ORDINAL_RE):
            text = _blank(text, pattern)
        yield number, raw, text


def _decimals(token: str) -> int:
    mantissa, _, exponent = token.lower().partition("e")
    places = len(mantissa.partition(".")[2])
    return places - (int(exponent.replace("−", "-")) if exponent else 0)


def find_figures(path: Path, markdown: str) -> list[Figure]:
    """Every figure in the prose of one page."""
    figures: list[Figure] = []
    for number, _raw, text in prose_lines(markdown):
        taken: set[int] = set()
        for match in TIMES_RE.finditer(text):
            word = (match.group("n") or "two").lower()
            value = WORD_VALUES[word] if word in WORD_VALUES else to_float(word)
            figures.append(Figure(path, number, match.group().strip(), float(value),
                                  _decimals(word) if word[0].isdigit() else 0, times=True, column=match.start()))
            taken.update(range(match.start(), match.end()))
        for match in PROSE_NUMBER_RE.finditer(text):
            if match.start() in taken:
                continue
            token = match.group("n").replace("−", "-")
            value = to_float(token)
            percent = bool(match.group("pct"))
            decimal = any(c in token for c in ".eE")
            if not (decimal or percent or abs(value) > 9):
                continue
            if not decimal and not percent and int(value) in YEAR_RANGE and YEAR_BEFORE_RE.search(text[:match.start()]):
                continue
            figures.append(Figure(path, number, match.group().strip(), value, _decimals(token),
                                  percent=percent, column=match.start()))
    return sorted(figures, key=lambda f: (f.line, f.column))


# ---------------------------------------------------------------- backing


def _backings(raw: str, path: Path, line: int) -> list[Backing]:
    """The ``<!-- figure: ... -->`` comments on one line, in order."""
    found = []
    for match in COMMENT_RE.finditer(raw):
        body = match.group(1)
        if not body.strip().startswith("figure:"):
            continue
        parsed = BACKING_RE.match(body)
        if parsed is None:
            raise SiteError(path, line, f"cannot read '<!--{body}-->'",
                            'write <!-- figure: topic/pair.framework ["line regex"] --> or '
                            '<!-- figure: topic/pair.framework ratio "regex a" / "regex b" -->')
        labels = tuple(LABEL_RE.findall(parsed["labels"] or ""))
        mode = parsed["ratio"] or ""
        if mode and len(labels) != 2:
            raise SiteError(path, line, f"'{mode}' needs two quoted line regexes, got {len(labels)}",
                            f'write <!-- figure: {parsed["source"]} {mode} "numerator" / "denominator" -->')
        found.append(Backing(parsed["source"], labels, mode, match.start()))
    return found


def source_path(source: str, root: Path = ROOT) -> Path:
    """``topic/pair.framework`` -> its ``.out``; anything else is a path from the repository root."""
    if re.fullmatch(r"[\w-]+/[\w-]+\.(tensorflow|pytorch)", source):
        return root / "snippets" / f"{source}.out"
    return root / source


def _chosen(text: str, label: str, path: Path, line: int, source: str) -> list[str]:
    """Number tokens in the lines ``label`` selects (its capture groups, when it has any)."""
    try:
        pattern = re.compile(label)
    except re.error as error:
        raise SiteError(path, line, f"figure regex '{label}' does not compile: {error}",
                        "fix the regular expression in the <!-- figure: ... --> comment") from None
    tokens: list[str] = []
    for row in text.splitlines():
        match = pattern.search(row)
        if match:
            part = " ".join(g or "" for g in match.groups()) if pattern.groups else row
            tokens.extend(RECORD_NUMBER_RE.findall(part))
    if not tokens:
        raise SiteError(path, line, f"'{label}' selects no number in {source}",
                        "fix the regex so it selects the recorded line the figure quotes")
    return tokens


def _value_matches(figure: Figure, value: float) -> bool:
    """Is ``value`` what ``figure`` shows, once rounded to the digits shown?

    ``0.13`` accepts 0.125 to 0.135, ``33%`` accepts 0.325 to 0.335, ``three
    times`` 2.5 to 3.5, ``1e-5`` 0.5e-5 to 1.5e-5, ``2,410`` 2409.5 to 2410.5.
    """
    shown = figure.value / 100 if figure.percent else figure.value
    decimals = figure.decimals + (2 if figure.percent else 0)
    half = 0.5 * 10.0 ** (-decimals)
    return math.isclose(value, shown, rel_tol=1e-12) or abs(value - shown) <= half * (1 + 1e-9)


def check_figure(figure: Figure, backing: Backing, root: Path = ROOT) -> str | None:
    """Why ``backing`` does not back ``figure`` (None when it does)."""
    path = source_path(backing.source, root)
    if not path.is_file():
        raise SiteError(figure.path, figure.line, f"figure source '{backing.source}' not found ({path.name})",
                        "name a recording as topic/pair.tensorflow or topic/pair.pytorch, or a file path "
                        "from the repository root")
    text = path.read_text(encoding="utf-8")
    if backing.mode:
        a = _chosen(text, backing.labels[0], figure.path, figure.line, backing.source)
        b = _chosen(text, backing.labels[1], figure.path, figure.line, backing.source)
        value = to_float(a[0]) / to_float(b[0])
        if backing.mode == "change":
            value -= 1
        if _value_matches(figure, value):
            return None
        return f"the recording gives {a[0]} / {b[0]}{' - 1' if backing.mode == 'change' else ''} = {value:.6g}"
    if backing.labels:
        tokens = [t for label in backing.labels
                  for t in _chosen(text, label, figure.path, figure.line, backing.source)]
    else:
        tokens = RECORD_NUMBER_RE.findall(text)
    if any(_value_matches(figure, to_float(t)) for t in tokens):
        return None
    return f"no number in the chosen lines of {backing.source} rounds to it (they hold {', '.join(tokens[:6])})"


def _blocks(markdown: str) -> dict[int, tuple[int, int]]:
    """line -> (first, last) line of its paragraph, list item or table row."""
    lines = markdown.splitlines()
    spans: dict[int, tuple[int, int]] = {}
    start = 1
    for number in range(1, len(lines) + 2):
        text = lines[number - 1] if number <= len(lines) else ""
        new_block = (not text.strip() or re.match(r"^\s*(?:[-*+]|\d+\.)\s", text) or text.lstrip().startswith("|")
                     or HEADING_RE.match(text))
        if new_block and number > start:
            for n in range(start, number):
                spans[n] = (start, number - 1)
            start = number
        if text.lstrip().startswith("|") or not text.strip():
            spans[number] = (number, number)
            start = number + 1
    return spans


def is_sourced(markdown: str, figure: Figure) -> bool:
    """A link and 'as of YYYY-MM-DD' in the figure's sentence (within its paragraph, list item or table row)."""
    lines = markdown.splitlines()
    first, last = _blocks(markdown).get(figure.line, (figure.line, figure.line))
    block = "\n".join(lines[first - 1:last])
    offset = sum(len(line) + 1 for line in lines[first - 1:figure.line - 1]) + figure.column
    start = 0
    for end in [m.start() for m in SENTENCE_END_RE.finditer(block)] + [len(block)]:
        if start <= offset < end or end == len(block):
            sentence = block[start:end]
            return bool(SOURCED_RE.search(sentence) and LINK_RE.search(sentence))
        start = end
    return False


@dataclass(frozen=True)
class Problem:
    """An unbacked or wrong figure."""

    figure: Figure
    why: str
    fix: str = FIX

    def __str__(self) -> str:
        return f"{self.figure.where()}: figure '{self.figure.text}' {self.why}; {self.fix}"


def check_page(path: Path, root: Path = ROOT) -> tuple[list[Figure], list[Problem], dict[str, int]]:
    """Figures of one page, the problems, and how many are checked / sourced."""
    markdown = path.read_text(encoding="utf-8")
    figures = find_figures(path, markdown)
    raw_lines = markdown.splitlines()
    problems: list[Problem] = []
    counts = {"checked": 0, "sourced": 0}
    for figure in figures:
        backings = [b for b in _backings(raw_lines[figure.line - 1], path, figure.line) if b.column > figure.column]
        if backings:
            why = check_figure(figure, backings[0], root)
            if why:
                problems.append(Problem(figure, f"does not match its recording: {why}"))
            else:
                counts["checked"] += 1
        elif is_sourced(markdown, figure):
            counts["sourced"] += 1
        else:
            problems.append(Problem(figure, "is not backed by a recording or a dated source"))
    return figures, problems, counts


def pages(root: Path = ROOT) -> list[Path]:
    """Every Markdown page of the site."""
    return sorted((root / "docs").rglob("*.md"))


def check_site(root: Path = ROOT) -> tuple[list[Problem], dict[str, int]]:
    """Every page: the problems and the totals per form (with the numbers quoted from code, ``figure_quotes``)."""
    from sidebyside.site import figure_quotes  # it builds on this module's scanner

    quoted, problems = figure_quotes.check_site(root)
    totals = {"figures": 0, "checked": 0, "sourced": 0, "quoted": len(quoted) - len(problems)}
    for page in pages(root):
        figures, page_problems, counts = check_page(page, root)
        problems.extend(page_problems)
        totals["figures"] += len(figures)
        for key, value in counts.items():
            totals[key] += value
    return problems, totals


def summary(totals: dict[str, int]) -> str:
    """One line for ``python -m sidebyside check``."""
    return (f"prose figures: {totals['figures']} ({totals['checked']} checked against recordings, "
            f"{totals['sourced']} sourced), {totals['quoted']} numbers checked against the code they describe")
