"""The README's CI workflows run as written (issue 20), against this checkout.

Each YAML block of the sections "Catching API drift in CI", "From drift to a
regenerated client" and "One OpenAPI file for other generators" is parsed, and its
steps are run in order as GitHub Actions would, in a fresh virtual environment:
`run:` steps in bash (`-eo pipefail`), `uses:` steps skipped (the checkout is the
test's workspace, the venv stands for setup-python), `if:` honoured. Two things are
translated, and only these: `pip install` is `uv pip install` into the venv (the
same resolver result, in seconds), and the package source (the `TICKSPEC` URL or
`.`) is this checkout. `gh` is a stub that records its arguments. The probe's
workflow is tested by tests/probe/test_loop.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.drift.drift_support import three_drifts
from tests.paths import FIXTURES, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv to make the venvs"),
]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTIONS = (
    "Catching API drift in CI",
    "From drift to a regenerated client",
    "One OpenAPI file for other generators",
)
TIMEOUT = 600


def section(title: str) -> str:
    text = README.split(f"\n## {title}", 1)[1]
    return text.split("\n## ", 1)[0]


def workflows() -> dict[str, dict[str, Any]]:
    """File name (`api-drift.yml`) -> parsed workflow, for every YAML block."""
    out = {}
    for title in SECTIONS:
        for block in re.findall(r"^```yaml\n(.*?)^```$", section(title), re.S | re.M):
            name = re.match(r"# \.github/workflows/(\S+)\n", block)
            assert name is not None, f"a YAML block of {title!r} names no workflow file"
            out[name.group(1)] = yaml.safe_load(block)
    return out


@dataclass
class Runner:
    """Runs a workflow's one job in `workspace` with `venv`'s tools first on PATH."""

    venv: Path
    workspace: Path
    stubs: Path

    def translate(self, script: str) -> str:
        script = re.sub(
            r"^(\s*)pip install ", rf"\1uv pip install --python {self.venv}/bin/python ",
            script, flags=re.M,
        )  # fmt: skip
        return script.replace('-e ".[', f'-e "{ROOT}[')

    def condition(self, expression: str | None, failed: bool, outcomes: dict[str, str]) -> bool:
        if expression is None:
            return not failed
        if expression == "always()":
            return True
        match = re.fullmatch(r"failure\(\) && steps\.(\w+)\.outcome == 'failure'", expression)
        assert match is not None, f"the test does not know the condition {expression!r}"
        return failed and outcomes.get(match.group(1)) == "failure"

    def run(self, workflow: dict[str, Any], env: dict[str, str]) -> dict[str, str]:
        """Each step's outcome by name (or index): success, failure or skipped."""
        [job] = workflow["jobs"].values()
        base = {**os.environ, **{k: str(v) for k, v in workflow.get("env", {}).items()}, **env}
        base["PATH"] = f"{self.venv}/bin:{self.stubs}:{os.environ['PATH']}"
        base["VIRTUAL_ENV"] = str(self.venv)
        failed = False
        outcomes: dict[str, str] = {}
        results: dict[str, str] = {}
        for i, step in enumerate(job["steps"]):
            key = step.get("id") or step.get("name") or str(i)
            if "run" not in step or not self.condition(step.get("if"), failed, outcomes):
                results[key] = "skipped"
                continue
            script = self.translate(step["run"]).replace("${{ github.token }}", "test-token")
            assert "${{" not in script, script
            step_env = {k: str(v).replace("${{ github.token }}", "test-token")
                        for k, v in step.get("env", {}).items()}  # fmt: skip
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                cwd=self.workspace, env={**base, **step_env},
                capture_output=True, text=True, timeout=TIMEOUT, check=False,
            )  # fmt: skip
            outcome = "success" if done.returncode == 0 else "failure"
            outcomes[key] = results[key] = outcome
            failed = failed or outcome == "failure"
            if outcome == "failure" and key != "check":
                print(script, done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        return results


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    venv = tmp_path / "venv"
    subprocess.run(["uv", "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    gh = stubs / "gh"
    gh.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {tmp_path}/gh-args\n', encoding="utf-8")
    gh.chmod(0o755)
    workspace = tmp_path / "repo"
    (workspace / "captures").mkdir(parents=True)
    for name in ("getTask", "batchTask-pin"):
        shutil.copy(FIXTURES / f"{name}.har", workspace / "captures" / f"{name}.har")
    (workspace / "drift-baseline.json").write_text('{"version": 1, "accepted": []}\n')
    return Runner(venv, workspace, stubs)


def test_the_readme_has_the_three_workflows() -> None:
    assert sorted(workflows()) == ["api-drift-daily.yml", "api-drift.yml", "release.yml"]


def test_the_push_workflow_installs_the_check_extra_and_reports(runner: Runner) -> None:
    workflow = workflows()["api-drift.yml"]
    assert workflow["env"]["TICKSPEC"] == "git+https://github.com/<you>/tickspec@v0.1.0"
    summary = runner.workspace.parent / "summary.md"
    env = {"TICKSPEC": f"file://{ROOT}", "GITHUB_STEP_SUMMARY": str(summary)}
    results = runner.run(workflow, env)
    assert results == {
        "0": "skipped",
        "1": "skipped",
        "Install tickspec with the check extra": "success",
        "Check captures against the spec": "success",
        "Keep the report": "skipped",
    }
    assert summary.read_text(encoding="utf-8").startswith("## tickspec check: no drift")
    suite = ET.parse(runner.workspace / "tickspec-report.xml").getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("2", "0")

    three_drifts(runner.workspace / "captures" / "drift.har")
    results = runner.run(workflow, env)
    assert results["Check captures against the spec"] == "failure"
    suite = ET.parse(runner.workspace / "tickspec-report.xml").getroot()
    assert suite.get("failures") == "1"
    assert "API drift found" in summary.read_text(encoding="utf-8")


def test_the_daily_workflow_passes_clean_and_opens_an_issue_on_failure(runner: Runner) -> None:
    workflow = workflows()["api-drift-daily.yml"]
    # it runs in the spec's repository: `propose` reads the schemas there
    shutil.copytree(ROOT / "schemas", runner.workspace / "schemas")
    results = runner.run(workflow, {})
    assert results["check"] == "success"
    assert results["Open an issue with the report and the proposed edits"] == "skipped"
    assert not (runner.workspace.parent / "gh-args").exists()

    three_drifts(runner.workspace / "captures" / "drift.har")
    results = runner.run(workflow, {})
    assert results["check"] == "failure"
    assert results["Open an issue with the report and the proposed edits"] == "success"
    args = (runner.workspace.parent / "gh-args").read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["issue", "create", "--title"]
    assert re.fullmatch(r"Spec regression \d{4}-\d\d-\d\d", args[3])
    assert args[4:] == ["--body-file", "issue.md"]
    issue = (runner.workspace / "issue.md").read_text(encoding="utf-8")
    assert issue.startswith("## tickspec check: API drift found")
    assert "### Coverage" in issue and "**Next:** `tickspec propose captures/`" in issue
    proposed = issue.split("## Proposed schema edits\n```\n", 1)[1]
    assert "lastFocusId" in proposed

    bundle = [
        line.strip().replace("uv run --frozen tickspec", "tickspec")
        for step in workflows()["release.yml"]["jobs"]["release"]["steps"]
        for line in step.get("run", "").splitlines()
        if "tickspec bundle" in line
    ]
    assert bundle == [
        "tickspec bundle --output dist/openapi.json",
        "tickspec bundle --output dist/openapi.yaml",
    ]
    dist = runner.workspace / "dist"
    dist.mkdir()  # `uv build`, the step's first command, makes it
    done = runner.run({"jobs": {"release": {"steps": [{"run": "\n".join(bundle)}]}}}, {})
    assert done == {"0": "success"}
    assert (dist / "openapi.json").read_bytes() == (ROOT / "generated/openapi.json").read_bytes()
    assert yaml.safe_load((dist / "openapi.yaml").read_text(encoding="utf-8"))["openapi"]
