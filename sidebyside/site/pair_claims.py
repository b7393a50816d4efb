r"""A sentence that cites a pair as showing something names what the pair must show.

Parity proves that a pair's two halves print the same thing; it cannot prove
that they still do what the page says they do. Both halves of a resize pair
could switch to another rounding rule and still agree. So a sentence that
says a pair shows something carries, anywhere in its paragraph or list
item, one comment per fact it rests on:

``<!-- shows: porting/resize-interpolate.pytorch calls `"nearest 4->6"` `mode="nearest-exact"` -->``

``calls`` fragments must appear, in order, within one call of the half's
code (comments and layout ignored, so a formatter may wrap it); ``prints``
fragments on one line of its recording. A
fragment is literal text, not a pattern, so the comment reads as the code it
quotes. A sentence in which "pair" comes before "shows" or "show" without
such a comment nearby is refused too: the claim would be checked by nothing.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from sidebyside import ROOT
from sidebyside.errors import SiteError, raise_all, read_text
from sidebyside.mdtext import outside_fences
from sidebyside.site.figures import _blocks, pages

COMMENT_RE = re.compile(r"<!--\s*shows:(?P<body>.*?)-->")
CLAIM_RE = re.compile(r"^\s*(?P<half>[\w-]+/[\w-]+\.(?:tensorflow|pytorch|jax))\s+(?P<kind>calls|prints)"
                      r"\s+(?P<fragments>(?:`[^`]+`\s*)+)$")
FRAGMENT_RE = re.compile(r"`([^`]+)`")
CITES_RE = re.compile(r"\bpair\b[^.<]{0,80}?\bshows?\b", re.IGNORECASE)
"""'[The pair](#resize) below shows', 'the pair above shows': a sentence resting on what a pair does."""
SYNTAX = ("write <!-- shows: topic/pair.framework calls `code` [`more code`] --> (fragments within one call in the "
          "half's code) or ... prints `output` --> (on one line of its recording); see CONTRIBUTING.md, "
          "'Figures in prose'")


@dataclass(frozen=True)
class Claim:
    """One ``<!-- shows: ... -->`` comment on ``path:line``."""

    path: Path
    line: int
    half: str
    kind: str
    fragments: tuple[str, ...]


def claims(path: Path, markdown: str) -> list[Claim]:
    """Every claim comment of one page, outside fenced code."""
    found = []
    for number, raw in outside_fences(markdown):
        for match in COMMENT_RE.finditer(raw):
            parsed = CLAIM_RE.match(match["body"])
            if parsed is None:
                raise SiteError(path, number, f"cannot read '<!-- shows:{match['body']}-->'", SYNTAX)
            found.append(Claim(path, number, parsed["half"], parsed["kind"],
                               tuple(FRAGMENT_RE.findall(parsed["fragments"]))))
    return found


def _calls(text: str) -> list[str]:
    """The source of every call in a script, comments and whitespace dropped.

    A fragment must be in what runs, not in what a comment says; and a call
    that a formatter wraps over several lines is still one call.
    """
    lines = text.splitlines(keepends=True)
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            (row, start), (_, end) = token.start, token.end
            lines[row - 1] = lines[row - 1][:start] + " " * (end - start) + lines[row - 1][end:]
    source = "".join(lines)
    return [re.sub(r"\s+", "", ast.get_source_segment(source, node) or "")
            for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]


def _calls_of(path: Path, text: str) -> list[str]:
    try:
        return _calls(text)
    except (SyntaxError, tokenize.TokenError) as error:
        raise SiteError(path, getattr(error, "lineno", None), f"cannot parse as Python: {error}",
                        "fix the script; a pair claim reads its calls") from None


def _in_order(line: str, fragments: tuple[str, ...]) -> bool:
    position = 0
    for fragment in fragments:
        found = line.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def claim_error(claim: Claim, root: Path = ROOT) -> SiteError | None:
    """Why the half no longer does what the claim says (None when it does)."""
    suffix = ".py" if claim.kind == "calls" else ".out"
    source = root / "snippets" / f"{claim.half}{suffix}"
    if not source.is_file():
        raise SiteError(claim.path, claim.line, f"'{claim.half}' names no pair half ({source.name} not found)",
                        "name a half as topic/pair.tensorflow, topic/pair.pytorch or topic/pair.jax")
    text = read_text(source)
    if claim.kind == "calls":
        units, fragments = _calls_of(source, text), tuple(re.sub(r"\s+", "", f) for f in claim.fragments)
    else:
        units, fragments = text.splitlines()[1:], claim.fragments
    if any(_in_order(unit, fragments) for unit in units):
        return None
    quoted = " ".join(f"`{f}`" for f in claim.fragments)
    what = "no call in its code holds" if claim.kind == "calls" else "no line of its recording prints"
    return SiteError(claim.path, claim.line, f"the sentence rests on {claim.half}, but {what} {quoted}",
                     "restore what the pair did, or rewrite the sentence and its <!-- shows: --> comment")


def uncited(path: Path, markdown: str) -> list[SiteError]:
    """Sentences that say a pair shows something, in a block with no claim comment."""
    lines = markdown.splitlines()
    spans = _blocks(markdown)
    errors = []
    for number, raw in outside_fences(markdown):
        if not CITES_RE.search(COMMENT_RE.sub("", raw)):
            continue
        first, last = spans.get(number, (number, number))
        if not any(COMMENT_RE.search(line) for line in lines[first - 1:last]):
            errors.append(SiteError(path, number, "a sentence says a pair shows something but names nothing "
                                    "the pair must show", SYNTAX))
    return errors


def errors_in(root: Path = ROOT) -> tuple[list[SiteError], int]:
    """Every page: what is wrong, and how many claims were checked."""
    errors: list[SiteError] = []
    count = 0
    for page in pages(root):
        markdown = read_text(page)
        found = claims(page, markdown)
        count += len(found)
        errors.extend(uncited(page, markdown))
        errors.extend(e for claim in found if (e := claim_error(claim, root)))
    return errors, count


def check(root: Path = ROOT) -> str:
    """For ``check``: raise every problem at once, or count the claims checked."""
    errors, count = errors_in(root)
    raise_all(errors)
    return f"pair claims: {count} checked against the pairs' code and recordings"
