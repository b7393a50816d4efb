"""Local-only memory of snippet runs that already matched their recording.

Re-running ~200 framework processes dominates a warm ``make test``. A run
that matched is remembered under a hash of everything that could change
its result: the script, its recording, the installed framework version, the
normaliser and the run environment. Any change to one of these misses the
cache. CI (``CI`` set) and ``SIDEBYSIDE_NO_CACHE=1`` never use it.
"""

from __future__ import annotations

import hashlib
import inspect
import os

from sidebyside import ROOT
from sidebyside.pairs import normalise, runner
from sidebyside.pairs.catalog import Half

CACHE = ROOT / ".cache" / "verified-snippets"


def enabled() -> bool:
    return not os.environ.get("CI") and os.environ.get("SIDEBYSIDE_NO_CACHE") != "1"


def key(half: Half, version: str) -> str:
    digest = hashlib.sha256()
    for part in (half.path.read_bytes(), half.out_path.read_bytes(), version.encode(),
                 inspect.getsource(normalise).encode(), repr(sorted(runner.RUN_ENV.items())).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def is_verified(half: Half, version: str) -> bool:
    return enabled() and (CACHE / key(half, version)).exists()


def mark_verified(half: Half, version: str) -> None:
    if enabled():
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / key(half, version)).write_text(f"{half.path.relative_to(ROOT)}\n", encoding="utf-8")


