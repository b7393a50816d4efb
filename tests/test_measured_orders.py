"""What CI can re-measure in seconds, it re-measures: an order, never an absolute time.

The quantization record holds that torchao's dynamic int8 model, called
eagerly, is slower than the float32 model (its generic path; the page says
the int8 kernels are meant to run under ``torch.compile``). That ratio was
tens to hundreds on this 2-core host, loaded or not, so a band of
``ORDER_BAND`` (the slower side at least twice the faster) cannot be
flipped by load. The re-measure alternates the two models in short rounds
and takes the median of the per-round ratios.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from sidebyside.errors import SiteError
from sidebyside.tools import measured, quant_latency

NAME = "quantization-latency"
ORDER = quant_latency.EAGER_INT8


@pytest.mark.slow
def test_the_recorded_order_holds_when_re_measured_here() -> None:
    doc = measured.load(NAME)
    measured.check_order(NAME, doc, ORDER, quant_latency.remeasure_eager_int8())


def test_lie_the_order_flipped_in_the_record_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forged record: the int8 row's samples divided by 1000, with summary and fingerprint recomputed to match."""
    doc = json.loads((measured.MEASURED / f"{NAME}.json").read_text(encoding="utf-8"))
    slower = next(r for r in doc["rows"] if (r["case"], r["framework"], r["variant"]) == (ORDER.case, ORDER.framework, ORDER.slower))
    faster = next(r for r in doc["rows"] if (r["case"], r["framework"], r["variant"]) == (ORDER.case, ORDER.framework, ORDER.faster))
    slower["samples"] = [v / 1000 for v in slower["samples"]]
    slower.update(measured.summarise(slower["samples"]), samples_sha256=measured.samples_digest(measured.identity(slower), slower["samples"]))
    monkeypatch.setattr(measured, "MEASURED", tmp_path)
    path = tmp_path / f"{NAME}.json"
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    recorded = statistics.median(slower["samples"]) / statistics.median(faster["samples"])
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if slower["samples_sha256"] in text)
    with pytest.raises(SiteError) as caught:
        measured.check_order(NAME, measured.load(NAME), ORDER, 150.0)
    assert caught.value.message == (
        f"{path}:{line}: {ORDER.name}: row 'one call, batch 1, pytorch, int8 dynamic range' takes {recorded:.3g} times "
        f"the 'float32' row in the record and 150 times re-measured here; both must be at least 2; "
        f"re-measure with 'make measure-{NAME}' on a quiet host and, if the order really changed, change the page that states it")


def test_lie_the_order_flipped_on_this_host_fails() -> None:
    """The other side of the band: a re-measurement that no longer shows the order (here, a ratio of one half)."""
    with pytest.raises(SiteError, match=r"and 0.5 times re-measured here; both must be at least 2"):
        measured.check_order(NAME, measured.load(NAME), ORDER, 0.5)
