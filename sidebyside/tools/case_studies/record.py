"""The case-study record, ``data/case_studies.json``: write it by running every study, load and check it.

    python -m sidebyside.tools.case_studies.record                       # run all, write the record
    python -m sidebyside.tools.case_studies.record --studies vision-transformer   # run one, merged in

Loading needs no framework: the site renders the page from the record alone.
A study in the code but not in the record, or a record entry that no longer
holds (a pass over tolerance, a missing field), is one ``file:line`` error
with the command that fixes it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from sidebyside import ROOT
from sidebyside.errors import SiteError, read_text
from sidebyside.tools.conversions.schema import TOLERANCE

if TYPE_CHECKING:
    from sidebyside.tools.case_studies.study import Study

EVAL_TOLERANCE = TOLERANCE
"""Largest absolute difference accepted between the float32 eval outputs (the conversion matrix's)."""
STEP_TOLERANCE = 1e-7
"""Largest absolute difference accepted between the float64 weights after one Adam step: a ten-thousandth of the
learning rate. Keras computes Adam's bias corrections in float32 even for float64 weights, which moves every
weight by far less than this but by more than float64 rounding."""
RECORD = ROOT / "data" / "case_studies.json"
COMMAND = "python -m sidebyside.tools.case_studies.record"
RESULT_KEYS = ("eval_float32", "eval_float64", "loss_float32", "step_float32", "step_float64", "status",
               "cpu_seconds")
ENTRY_KEYS = {"id", "title", "repo", "path", "commit", "licence", "url", "direction", "covers", "needed", *RESULT_KEYS}
REPEATED = ("eval_float32", "eval_float64", "step_float64")
"""Figures a re-run must repeat (float32's step difference is rounding noise amplified by Adam: shown, not held)."""
NOISE = 5e-7
"""Below this (a few times float32's epsilon), two differences are the same rounding noise."""
SPREAD = 4.0
"""A re-run with the same versions and seeds repeats a larger difference within this factor."""


def repeats(recorded: float, now: float) -> bool:
    """Whether a re-run's difference is the recorded one: both rounding noise, or within ``SPREAD`` of each other."""
    return max(recorded, now) <= NOISE or max(recorded, now) <= SPREAD * min(recorded, now)


def studies() -> tuple[Study, ...]:
    from sidebyside.tools.case_studies import keras_sources, torch_sources

    return keras_sources.STUDIES + torch_sources.STUDIES


def entry(study: Study, result: dict) -> dict:
    s = study.source
    return {"id": study.id, "title": study.title, "repo": s.repo, "path": s.path, "commit": s.commit,
            "licence": s.licence, "url": s.url, "direction": study.direction, "covers": list(study.covers),
            "needed": list(study.needed), **{k: result[k] for k in RESULT_KEYS}}


def _line(text: str, study_id: str) -> int | None:
    marker = f'"id": "{study_id}"'
    return text[:text.index(marker)].count("\n") + 1 if marker in text else None


def load(path: Path = RECORD, code_ids: list[str] | None = None) -> dict:
    """The record, checked: fields, tolerances, and (given ``code_ids``) one entry per study in the code."""
    if not path.exists():
        raise SiteError(path, None, "no case-study record", f"run '{COMMAND}'")
    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise SiteError(path, error.lineno, f"not JSON: {error.msg}", f"re-run '{COMMAND}'") from None
    if doc.get("eval_tolerance") != EVAL_TOLERANCE or doc.get("step_tolerance") != STEP_TOLERANCE:
        raise SiteError(path, None, "recorded with other tolerances than the code's", f"re-run '{COMMAND}'")
    for item in doc.get("studies", []):
        line = _line(text, str(item.get("id")))
        if set(item) != ENTRY_KEYS:
            raise SiteError(path, line, f"study {item.get('id')!r}: keys {sorted(set(item) ^ ENTRY_KEYS)} missing or "
                            "unknown", f"re-run '{COMMAND} --studies {item.get('id')}' instead of editing by hand")
        holds = item["eval_float32"] <= EVAL_TOLERANCE and item["step_float64"] <= STEP_TOLERANCE
        if (item["status"] == "pass") != holds:
            raise SiteError(path, line, f"study {item['id']!r}: status {item['status']!r} but eval_float32="
                            f"{item['eval_float32']:.3g} (tolerance {EVAL_TOLERANCE:g}) and step_float64="
                            f"{item['step_float64']:.3g} (tolerance {STEP_TOLERANCE:g})",
                            f"re-run '{COMMAND} --studies {item['id']}'")
    recorded = [item["id"] for item in doc.get("studies", [])]
    missing = [i for i in code_ids or [] if i not in recorded]
    if missing:
        raise SiteError(path, None, f"studies in the code but not in the record: {', '.join(missing)}",
                        f"run '{COMMAND} --studies {' '.join(missing)}'")
    return doc


def differences(recorded: dict, now: dict) -> list[str]:
    """What a re-run no longer repeats: its status, or a held figure beyond float noise."""
    out = [f"{recorded['id']}: status {recorded['status']} recorded, {now['status']} now"] \
        if recorded["status"] != now["status"] else []
    out += [f"{recorded['id']}: {key} {recorded[key]:.3g} recorded, {now[key]:.3g} now"
            for key in REPEATED if not repeats(recorded[key], now[key])]
    return out


def _versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in ("keras", "tensorflow-cpu", "torch", "numpy")}


def main(argv: list[str] | None = None) -> int:
    from sidebyside.tools.case_studies.harness import run

    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n")[0])
    parser.add_argument("--studies", nargs="+", metavar="ID", help="run only these, keep the others' entries")
    args = parser.parse_args(argv)
    known = {s.id: s for s in studies()}
    unknown = sorted(set(args.studies or []) - set(known))
    if unknown:
        print(f"unknown studies: {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    kept = {}
    if args.studies and RECORD.exists():
        kept = {item["id"]: item for item in json.loads(RECORD.read_text())["studies"]}
    for study_id in args.studies or list(known):
        kept[study_id] = entry(known[study_id], run(known[study_id]))
        print(f"{study_id}: {kept[study_id]['status']}", flush=True)
    doc = {"as_of": date.today().isoformat(), "versions": _versions(), "eval_tolerance": EVAL_TOLERANCE,
           "step_tolerance": STEP_TOLERANCE, "studies": [kept[i] for i in known if i in kept]}
    RECORD.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
