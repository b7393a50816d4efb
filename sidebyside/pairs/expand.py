"""Expand one-line page directives into Markdown before MkDocs renders it.

Two directives exist, each alone on a line (indentation is kept, so they
work inside admonitions and lists):

    @pair execution-model/eager-by-default
    @render comparison-table

``@pair`` becomes linked content tabs labelled ``TensorFlow`` and
``PyTorch``; ``@render`` calls a renderer from ``sidebyside.site.renderers``.
Lines inside fenced code blocks are left alone so pages can show the syntax.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sidebyside.errors import SiteError
from sidebyside.mdtext import outside_fences
from sidebyside.pairs.catalog import Half, Pair, suggest
from sidebyside.pairs.runner import read_recording
from sidebyside.pairs.setup import segments

DIRECTIVE_RE = re.compile(r"^(?P<indent>[ \t]*)@(?P<kind>pair|render)[ \t]+(?P<arg>\S+)[ \t]*$")


@dataclass(frozen=True)
class Directive:
    """A directive found on ``line`` (1-based) of a page."""

    kind: str
    arg: str
    line: int
    indent: str


def find_directives(markdown: str) -> Iterator[Directive]:
    """Yield directives outside fenced code blocks."""
    for number, text in outside_fences(markdown):
        directive = DIRECTIVE_RE.match(text)
        if directive:
            yield Directive(directive["kind"], directive["arg"], number, directive["indent"])


def shown_lines(half: Half) -> tuple[int, int]:
    """First and last line (1-based, inclusive) of the script a reader sees and downloads.

    The header is shown as the pair title, so the code starts after it and
    trailing blank lines are dropped.
    """
    lines = half.path.read_text(encoding="utf-8").splitlines()
    end = len(lines)
    while end > half.body_start and not lines[end - 1].strip():
        end -= 1
    return half.body_start, end


def shown_text(half: Half) -> str:
    """The script exactly as shown on the page: what the download link serves."""
    start, end = shown_lines(half)
    lines = half.path.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[start - 1 : end]) + "\n"


def download_path(half: Half) -> str:
    """Site-relative path of a half's download (``downloads/<topic>/<file>.py``)."""
    return f"downloads/{half.file_key}"


def pair_markdown(pair: Pair, source_url: str | None, root: str = "") -> str:
    """Markdown for one pair: two linked tabs with code, output and versions.

    ``root`` is the relative path from the page to the site root, so the
    download link works on the hosted site and from ``file://`` alike.
    """
    lines = [f'<div class="sbs-pair" id="pair-{pair.name}" markdown>', ""]
    lines.append(f'<p class="sbs-pair-title"><strong>{pair.title}</strong></p>')
    lines.append("")
    for half in pair.halves.values():
        version, body = read_recording(half)
        rel = half.path.relative_to(half.path.parents[2]).as_posix()
        lines.append(f'=== "{half.label}"')
        lines.append("")
        lines.extend(code_blocks(half, rel))
        lines.append('    ````text title="Output"')
        lines.extend(("    " + out) if out else "" for out in (body.rstrip("\n") or "(no output)").splitlines())
        lines.append("    ````")
        lines.append("")
        tested = f"Tested with {half.label} {version}"
        if half.launch:  # started by a launcher, not `python`: say how, since that is what CI ran
            tested += f" · run it with <code>{html.escape(half.command)}</code>"
        tested += f' · <a href="{root}{download_path(half)}" download="{half.path.name}">download script</a>'
        if source_url:
            tested += f' · <a href="{source_url}/{rel}">source</a>'
        # A Markdown paragraph with its class (attr_list): raw <p> inside a tab would be wrapped in another <p>.
        lines.append(f"    {tested}")
        lines.append("    { .sbs-tested }")
        lines.append("")
    lines.append(parity_note(pair))
    lines.append("")
    lines.append("</div>")
    return "\n".join(lines)


def code_blocks(half: Half, rel: str) -> list[str]:
    """A half's code as Markdown: lesson blocks in file order, each setup region folded in place.

    Numbered from 1 at the first shown line, so the numbers match the
    downloaded script line for line across the folds. The file name titles
    the first lesson block, the first code a reader sees.
    """
    start, end = shown_lines(half)
    source = half.path.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    titled = False
    for part in segments(source, start, end, half.setup):
        first, last = part.first - start + 1, part.last - start + 1
        include = [f'```python linenums="{first}"', f'--8<-- "{rel}:{part.first}:{part.last}"', "```", ""]
        if part.setup is None:
            if not titled:
                include[0] += f' title="{half.path.name}"'
                titled = True
            out.extend("    " + line if line else "" for line in include)
            continue
        summary = html.escape(f"Setup: {part.setup.label}" if part.setup.label else "Setup")
        out.extend((f'    ??? sbs-setup "{summary} · lines {first}–{last}"', ""))
        out.extend("        " + line if line else "" for line in include)
    return out


def parity_note(pair: Pair) -> str:
    """One sentence under a pair telling the reader exactly what CI compares."""
    tolerance = pair.tolerance
    within = f"numbers equal within {tolerance.rel:g} relative"
    if tolerance.reason:
        within += f" ({html.escape(tolerance.reason)})"
    if not pair.differs:
        return (f'<p class="sbs-parity sbs-same">Same output: identical text, whole numbers equal, {within}; '
                "CI checks that on every run.</p>")
    why = f"Outputs differ on purpose: {html.escape(pair.differs)}."
    if not pair.same:
        return f'<p class="sbs-parity sbs-differs">{why} Nothing in them can be compared.</p>'
    patterns = ", ".join(f"<code>{html.escape(p.pattern)}</code>" for p, _ in pair.same)
    return (f'<p class="sbs-parity sbs-differs">{why} CI still checks that the lines matching '
            f"{patterns} agree ({within}).</p>")


def expand(
    markdown: str,
    page_path: Path,
    pairs: dict[str, Pair],
    render: Callable[[Directive], str],
    source_url: str | None,
    root: str = "",
    line_offset: int = 0,
) -> str:
    """Replace every directive in ``markdown``; unknown pairs raise SiteError.

    ``line_offset`` is the number of lines (front matter) the caller removed
    from the file before ``markdown``, so errors name the file's own line.
    """
    directives = {d.line: d for d in find_directives(markdown)}
    if not directives:
        return markdown
    out: list[str] = []
    for number, text in enumerate(markdown.splitlines(), start=1):
        directive = directives.get(number)
        if directive is None:
            out.append(text)
            continue
        if directive.kind == "pair":
            pair = pairs.get(directive.arg)
            if pair is None:
                raise SiteError(page_path, number + line_offset, f"unknown pair '{directive.arg}'", suggest(directive.arg, sorted(pairs)))
            missing = [h for h in pair.halves.values() if not h.out_path.exists()]
            if missing:
                raise SiteError(page_path, number + line_offset, f"pair '{pair.key}' has no recorded output for {missing[0].label}",
                                f"run: python -m sidebyside record {pair.key}")
            block = pair_markdown(pair, source_url, root)
        else:
            block = render(directive)
        out.extend((directive.indent + line) if line else "" for line in block.splitlines())
    return "\n".join(out) + "\n"
