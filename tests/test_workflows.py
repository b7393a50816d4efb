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
    assert ci["on"]["push"] == {"branches": ["main"]}, "push only on main: a PR branch is tested once, by pull_request"
    (job,) = ci["jobs"].values()
    assert "bash .ci/run" in runs(job)
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci_run and re.search(r"^make test$", ci_run, re.M)


def test_pages_builds_strict_and_only_the_deploy_job_can_write_pages() -> None:
    pages = load("pages.yml")
    assert "push" not in pages["on"], "Pages must not deploy on a push that CI has not passed"
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


def test_pages_deploys_only_the_commit_ci_passed() -> None:
    pages = load("pages.yml")
    run = pages["on"]["workflow_run"]
    assert run == {"workflows": [load("ci.yml")["name"]], "types": ["completed"], "branches": ["main"]}
    build = pages["jobs"]["build"]
    condition = " ".join(build["if"].split())
    assert "github.event.workflow_run.conclusion == 'success'" in condition
    assert "github.event.workflow_run.event == 'push'" in condition, "a pull request's CI run must not deploy"
    checkout = next(s for s in steps(build) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"].startswith("${{ github.event.workflow_run.head_sha"), "build the commit CI tested"


PIN_RE = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s+v\d+(?:\.\d+)*\s*$")


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha_with_its_version(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(r"^\s*(?:-\s+)?uses:", line):
            assert PIN_RE.match(line), f"{path.name}:{number}: pin the action to a full commit SHA with '# vX.Y.Z' after it: {line.strip()}"


def test_ci_caches_wheels_npm_and_apt() -> None:
    (job,) = load("ci.yml")["jobs"].values()
    cached = [s["with"]["path"] for s in steps(job) if s.get("uses", "").startswith("actions/cache@")]
    assert job["env"]["UV_CACHE_DIR"] in cached, "the venvs are installed by uv: its cache holds the wheels"
    assert job["env"]["npm_config_cache"] in cached
    assert any(p.startswith("/var/cache/apt/archives") for p in cached)
    assert "docker-clean" in runs(job), "Debian images delete downloaded packages unless docker-clean is removed"


def test_dependabot_updates_actions_pip_and_npm_but_never_the_framework_pins() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip", "npm"}
    ignored = {i["dependency-name"] for i in ecosystems["pip"].get("ignore", [])}
    assert {"tensorflow-cpu", "torch"} <= ignored


def test_the_pull_request_template_asks_for_what_contributing_asks() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for asked in ("`make pr`", "# same:", "<!-- figure:", "as of YYYY-MM-DD", "data/*.yml", "sidebyside record"):
        assert asked in template and asked in contributing, f"{asked!r} is not in both the template and CONTRIBUTING.md"
    assert not re.search(r"- \[ \] `make test`", template), "the template must not ask for the whole suite (make pr is the local step)"


def test_make_help_lists_every_target_and_only_system_deps_runs_apt_get() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):(?!=)", makefile, re.M))
    helped = set(re.findall(r"^([a-z][a-z-]*):[^\n]*## \S", makefile, re.M))
    assert targets and targets == helped, f"targets without a '## ' help text: {sorted(targets - helped)}"
    assert re.search(r"^\.DEFAULT_GOAL := help$", makefile, re.M)
    with_apt = {name for name, body in re.findall(r"^([a-z][a-z-]*):.*\n((?:\t.*\n)+)", makefile, re.M) if re.search(r"apt-get (?:update|install)", body)}
    assert with_apt == {"system-deps"}
    assert re.search(r"^test: system-deps ", makefile, re.M)
