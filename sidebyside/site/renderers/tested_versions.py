"""``@render tested-versions``: the framework versions read from the recordings.

The home page promises the versions every output was produced with; they
are read from the ``.out`` headers so they cannot be typed wrong.
"""

from __future__ import annotations

from collections import Counter

from sidebyside.site.renderers import RenderContext
from sidebyside.pairs.runner import read_recording


def render(ctx: RenderContext) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    for pair in ctx.pairs.values():
        for half in pair.halves.values():
            if not half.out_path.exists():
                continue  # not recorded yet: the catalog check reports it
            version, _ = read_recording(half)
            counts[(half.label, version)] += 1
    rows = ["| Framework | Version | Recorded snippets |", "| --- | --- | ---: |"]
    for (label, version), count in sorted(counts.items()):
        rows.append(f"| {label} | `{version}` | {count} |")
    return "\n".join(rows)
