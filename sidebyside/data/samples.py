"""Fingerprints of measured samples, so a measurement record edited by hand no longer loads.

A measuring tool writes, beside each list of raw samples, a short hash of
the samples and of what they time (the row's identity). Loaders recompute
it: an edited sample, or samples moved to another row or backend with
their summary, no longer match. A record a tool did not write is refused
with the command that re-measures it.
"""

from __future__ import annotations

import hashlib
import json


def samples_digest(identity: str, values: list[float]) -> str:
    """The fingerprint of ``values`` as measured for ``identity`` (16 hex digits of SHA-256)."""
    return hashlib.sha256(json.dumps([identity, list(values)]).encode("ascii")).hexdigest()[:16]
