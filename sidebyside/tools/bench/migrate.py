"""Rewrite a schema-1 benchmark result file as schema 2, deriving only what the file proves.

    python -m sidebyside.tools.bench.migrate data/bench/<file>.json

Schema 1 stored the training time as "Time to 95% test accuracy" even for
runs that stopped at the epoch limit below the target, and kept the run
details (epochs, accuracy) of the first round only. This script:

- derives each run's epochs from its own numbers (throughput x seconds /
  training samples must be a whole number of epochs, or the script stops);
- keeps the recorded time as "Training time, N epochs" where the run
  trained the full budget;
- writes a time to target only for runs recorded as reaching it (the
  schema-1 loop stopped at the first epoch at or above the target, so that
  epoch and that time are the ones recorded);
- marks the outcome of runs whose details were not kept as not recorded
  (``null``), never as reached.

Nothing is re-measured; the history field says what was derived and when.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from sidebyside.tools.bench.common import Config, target_case, training_case
from sidebyside.tools.bench.schema import SCHEMA_VERSION, load_results

OLD_TIME = "Time to 95% test accuracy"
THROUGHPUT = "Training throughput (CNN, digits)"


class MigrationError(ValueError):
    """The file does not support a derivation; nothing is written."""


def training_samples() -> int:
    from sidebyside.tools.bench.common import digits

    return len(digits()[0])


def _runs(framework: str, seconds: list[float], rates: list[float], details: list[dict], config: Config, samples: int) -> list[dict]:
    runs = []
    for i, (secs, rate) in enumerate(zip(seconds, rates, strict=True)):
        epochs_exact = rate * secs / samples
        epochs = round(epochs_exact)
        if abs(epochs_exact - epochs) > 1e-6 or epochs <= 0:
            raise MigrationError(f"{framework} run {i + 1}: throughput x time is {epochs_exact:.6f} epochs, not a whole number")
        known = details[i] if i < len(details) else None
        run: dict[str, Any] = {"round": i // config.repeats + 1, "seed": i % config.repeats, "epochs": epochs, "seconds": secs,
                               "test_accuracy": None, "reached": None, "epoch_reached": None, "seconds_to_target": None}
        if known is not None:
            if known["epochs"] != epochs:
                raise MigrationError(f"{framework} run {i + 1}: details say {known['epochs']} epochs, the timings say {epochs}")
            run["test_accuracy"] = known["test_accuracy"]
            run["reached"] = bool(known["test_accuracy"] >= config.target_accuracy)
            if run["reached"] != known["reached"]:
                raise MigrationError(f"{framework} run {i + 1}: 'reached' disagrees with the recorded accuracy")
            if run["reached"]:  # the schema-1 loop stopped at the first epoch that reached the target
                run["epoch_reached"], run["seconds_to_target"] = epochs, secs
        runs.append(run)
    return runs


def migrate(doc: dict[str, Any], samples: int, today: str) -> dict[str, Any]:
    """Return the schema-2 document for a schema-1 document (pure; raises MigrationError)."""
    if doc.get("schema") != 1:
        raise MigrationError(f"expected schema 1, found {doc.get('schema')!r}")
    config = Config(**doc["config"])
    out: list[dict] = []
    by_key = {(m["case"], m["framework"]): m for m in doc["measurements"]}
    for item in doc["measurements"]:
        if item["case"] == THROUGHPUT:
            continue
        if item["case"] != OLD_TIME:
            out.append(item)
            continue
        framework = item["framework"]
        rates = by_key[(THROUGHPUT, framework)]["repeats"]
        runs = _runs(framework, item["repeats"], rates, item["extra"].get("runs", []), config, samples)
        full = [r for r in runs if r["epochs"] == config.max_epochs]
        base = {"group": "training", "framework": framework, "variant": item["variant"]}
        if full:
            out.append({"case": training_case(config), **base, "unit": "s", "lower_is_better": True,
                        "repeats": [r["seconds"] for r in full], "extra": {"epochs": config.max_epochs}})
        out.append({"case": THROUGHPUT, **base, "unit": "samples/s", "lower_is_better": False, "repeats": rates, "extra": {}})
        out.append({"case": target_case(config), **base, "unit": "s", "lower_is_better": True,
                    "repeats": [r["seconds_to_target"] for r in runs if r["reached"] is True],
                    "extra": {"target_accuracy": config.target_accuracy, "runs": runs}})
    note = (f"{today}: migrated from schema 1 by sidebyside.tools.bench.migrate. Epochs derived from throughput x time; "
            "the schema-1 case 'Time to 95% test accuracy' was the time of the whole run and is now "
            f"'{training_case(config)}'; run details of round 2 were not kept by schema 1 and are null (not recorded).")
    return {**doc, "schema": SCHEMA_VERSION, "measurements": out, "history": [*doc.get("history", []), note]}


def main(argv: list[str] | None = None) -> int:
    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        try:
            new = migrate(doc, training_samples(), dt.date.today().isoformat())
        except MigrationError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            return 1
        path.write_text(json.dumps(new, indent=1) + "\n", encoding="utf-8")
        load_results(path)
        print(f"{path}: schema 1 -> {SCHEMA_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
