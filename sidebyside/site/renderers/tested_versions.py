"""``@render tested-versions``: pinned versions and the newest ones the canary checked.

The pinned versions are read from the ``.out`` headers (what every output on
the site was recorded with), Keras's from the constraints file; the newest
ones, and what happened to every pair under them, from the newest
``data/canary`` record. Nothing here is typed by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape

from sidebyside import ROOT
from sidebyside.data.canary import latest_canary, recorded_outputs, seal_problems
from sidebyside.errors import SiteErrors
from sidebyside.pairs.runner import read_recording
from sidebyside.site.renderers import RenderContext

CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
CANARY_DISTS = {"TensorFlow": ("tensorflow-cpu", "tensorflow"), "PyTorch": ("torch",), "Keras": ("keras",), "JAX": ("jax",)}


def _pinned_keras() -> str:
    match = re.search(r"^keras==(\S+)$", CONSTRAINTS.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else "–"


def render(ctx: RenderContext) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    for pair in ctx.pairs.values():
        for half in pair.halves.values():
            if not half.out_path.exists():
                continue  # not recorded yet: the catalog check reports it
            version, _ = read_recording(half)
            counts[(half.label, version)] += 1
    canary = latest_canary()
    newest_head = f"Newest checked ({canary.date.isoformat()})" if canary else "Newest checked"
    rows = [f"| Framework | Pinned | Recorded snippets | {newest_head} |", "| --- | --- | ---: | --- |"]

    def newest(label: str) -> str:
        if canary is None:
            return "canary not run yet"
        found = next((canary.installed[d] for d in CANARY_DISTS.get(label, ()) if d in canary.installed), None)
        return f"`{found}`" if found else "–"

    for (label, version), count in sorted(counts.items()):
        rows.append(f"| {label} | `{version}` | {count} | {newest(label)} |")
    rows.append(f"| Keras | `{_pinned_keras()}` | – | {newest('Keras')} |")
    if canary is None:
        return "\n".join(rows)
    problems, rerecorded = seal_problems(canary, recorded_outputs(ctx.pairs))
    if problems:
        raise SiteErrors(problems)
    ran = canary.keys()
    total = len(ran)
    summary = (f"With the newest versions, {len(canary.pairs['identical'])} of {total} pairs printed exactly their recorded output, "
               f"{len(canary.pairs['changed'])} printed something different and {len(canary.pairs['failing'])} failed to run")
    if canary.parity_broken:
        broken = len(canary.parity_broken)
        summary += (f"; {broken} {'pair no longer agrees' if broken == 1 else 'pairs no longer agree'} across frameworks "
                    f"under its parity rule ({named(canary.parity_broken)}).")
    else:
        summary += "."
    if rerecorded:
        summary += (f" {len(rerecorded)} of them were re-recorded after that run, so what it says about them is about "
                    f"their previous recording: {named(sorted(rerecorded))}.")
    lines = ["\n".join(rows), "", coverage(ran, set(ctx.pairs)) + " " + summary]
    if canary.changes:
        lines += ["", "What each changed half now prints differently (its first differing line, recorded → now):", ""]
        items = "".join(f"<li><code>{escape(half)}</code>: <code>{escape(old)}</code> → <code>{escape(new)}</code></li>"
                        for half, (old, new) in sorted(canary.changes.items()))
        lines.append(f'<ul class="sbs-canary-changes">{items}</ul>')  # printed numbers: left out of the search index
    elif canary.pairs["changed"]:
        lines += ["", "Changed: " + ", ".join(f"`{key}`" for key in canary.pairs["changed"]) + "."]
    if canary.pairs["failing"]:
        lines += ["", "Failing: " + ", ".join(f"`{key}`" for key in canary.pairs["failing"]) + "."]
    if canary.failures:
        lines += ["", "Why each failing half stopped:", ""]
        lines += [f"- `{half}`: {failure_reason(message)}" for half, message in sorted(canary.failures.items())]
    return "\n".join(lines)


def coverage(ran: set[str], on_site: set[str]) -> str:
    """Whether the canary record covers the pairs the site shows now; pairs added since are named, not hidden."""
    if on_site <= ran:
        return f"The canary ran all {len(on_site)} pairs on the site."
    missing = sorted(on_site - ran)
    return (f"The canary ran {len(on_site & ran)} of the site's {len(on_site)} pairs; "
            f"{len(missing)} added since have not run on the newest versions yet ({named(missing)}).")


def named(keys: list[str]) -> str:
    """Up to five pair keys in code, then how many more."""
    return ", ".join(f"`{key}`" for key in keys[:5]) + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")


def failure_reason(message: str) -> str:
    """The line of a recorded failure that says what went wrong (the runner puts it first, before the fix)."""
    first = message.split("; fix the script", 1)[0]
    return first.split(": ", 1)[1] if ": " in first else first
