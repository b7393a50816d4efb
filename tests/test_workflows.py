"""GitHub workflows keep least privilege and run what the project runs locally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sidebyside import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_no_workflow_uses_pull_request_target_or_writes_contents(path: Path) -> None:
    text = "\n".join(line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())  # code, not comments
    assert "pull_request_target" not in text, f"{path.name}: pull_request_target runs fork code with a write token"
    assert not re.search(r"contents:\s*write", text), f"{path.name}: no workflow may write to the repository"
    assert not re.search(r"\bgit\s+push\b", text), f"{path.name}: workflows never push"
    data = load(path.name)
    assert data.get("permissions") == {"contents": "read"}, f"{path.name}: top-level token must be read-only"


def test_ci_runs_make_test_through_ci_run_on_push_and_pull_request() -> None:
    ci = load("ci.yml")
    assert set(ci["on"]) == {"push", "pull_request"}
    (job,) = ci["jobs"].values()
    assert "bash .ci/run" in runs(job)
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci_run and re.search(r"^make test$", ci_run, re.M)


def test_pages_builds_strict_and_only_the_deploy_job_can_write_pages() -> None:
    pages = load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert "make build" in runs(build)
    assert re.search(r"^build:.*\n\t.*mkdocs build --strict", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert "actions/upload-pages-artifact" in uses(build)
    assert "permissions" not in build, "the build job keeps the read-only default"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert uses(deploy) == ["actions/deploy-pages"] and deploy["needs"] == "build"


def test_canary_is_weekly_and_manual_installs_newest_frameworks_and_reports() -> None:
    canary = load("canary.yml")
    assert set(canary["on"]) == {"schedule", "workflow_dispatch"}
    assert len(canary["on"]["schedule"]) == 1
    (job,) = canary["jobs"].values()
    script = runs(job)
    assert "tensorflow-cpu\\ntorch" in script and "--upgrade" in script, "newest frameworks, unpinned"
    assert "python -m venv" in script, "a fresh venv, not the pinned one"
    assert "sidebyside.tools.canary" in script
    assert "sidebyside.tools.conversions.run" in script and "--compare data/conversions/matrix.json" in script
    assert "actions/upload-artifact" in uses(job)
