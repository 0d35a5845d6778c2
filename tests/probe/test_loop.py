"""The nightly loop on a scratch git copy of the repository, against a drifted server.

The local server adds a field (`newFlag`) to every `getUserStatus` answer (the
`patch` fault). The loop must turn that into a branch holding the spec edit,
the regenerated model with the new field and the redacted capture, with the
changelog and the findings as the pull request's body. The README's workflow
steps run as written (bar the `pip install`: this environment is installed),
with a stand-in `gh` that records the pull request it is asked to open.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.paths import ROOT
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True)
DRIFT = [{"op": "add", "path": "/newFlag", "value": True}]


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bare repository holding schemas/ and generated/ as committed here."""
    seed = tmp_path_factory.mktemp("seed")
    ignore = shutil.ignore_patterns("__pycache__", "README.md")
    shutil.copytree(ROOT / "schemas", seed / "schemas", ignore=ignore)
    shutil.copytree(ROOT / "generated", seed / "generated", ignore=ignore)
    (seed / "fixtures_har").mkdir()
    (seed / "fixtures_har" / ".keep").write_text("", encoding="utf-8")
    (seed / ".gitignore").write_text("probe*.json\nprobe.har\nprobe-pr.md\n", encoding="utf-8")
    _git(seed, "init", "-q", "-b", "main")
    _git(seed, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", ".")
    _git(seed, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "spec")
    bare = tmp_path_factory.mktemp("origin") / "origin.git"
    _git(seed, "clone", "-q", "--bare", str(seed), str(bare))
    return bare


@pytest.fixture
def clone(origin: Path, tmp_path: Path) -> Path:
    work = tmp_path / "work"
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    _git(work, "config", "user.name", "t")
    _git(work, "config", "user.email", "t@example.com")
    return work


@pytest.fixture
def drifted(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    server.inject_fault("getUserStatus", patch=DRIFT, times=None)
    yield server


def _env(server: ServerHandle, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TICKTICK_")}
    env.update(TICKTICK_BASE_URL=server.base_url, TICKTICK_PROBE_RATE="1000", **extra)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def assert_branch_content(work: Path, body: str, secret: str) -> None:
    """The spec edit, the regenerated model with the new field, the redacted capture
    (holding the drift, not `secret`), the changelog and the findings."""
    changed = _git(work, "show", "--name-only", "--format=", "HEAD").split()
    assert "schemas/user-status.json" in changed
    assert "generated/tickspec_generated/models/user_status.py" in changed
    assert any(re.fullmatch(r"fixtures_har/probe-\d{4}-\d{2}-\d{2}\.har", p) for p in changed)
    schema = json.loads((work / "schemas" / "user-status.json").read_text(encoding="utf-8"))
    assert schema["properties"]["newFlag"]["type"] == "boolean"
    model = (work / "generated/tickspec_generated/models/user_status.py").read_text()
    assert re.search(r"new_flag: .*bool", model)
    assert 'alias="newFlag"' in model
    assert "## Changelog" in body and "## Findings" in body
    changelog = body.split("## Changelog", 1)[1].split("## Findings", 1)[0]
    assert "getUserStatus" in changelog and "newFlag" in changelog
    findings = body.split("## Findings", 1)[1]
    assert "unknown_field" in findings and "getUserStatus" in findings
    capture = next(p for p in changed if p.startswith("fixtures_har/"))
    text = (work / capture).read_text(encoding="utf-8")
    assert secret not in text
    status = [
        json.loads(e["response"]["content"]["text"])
        for e in json.loads(text)["log"]["entries"]
        if e["request"]["url"].endswith("/api/v2/user/status")
    ]
    assert status and all(s["newFlag"] is True for s in status)


def test_dry_run_commits_the_spec_change_and_pushes_nothing(
    drifted: ServerHandle, clone: Path, origin: Path
) -> None:
    env = _env(drifted, TICKTICK_TOKEN=drifted.token, TICKTICK_OPEN_API_TOKEN=drifted.api_token)
    done = subprocess.run(
        [sys.executable, "-m", "tickspec.probe.loop", "--dry-run"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    branch = _git(clone, "branch", "--show-current").strip()
    assert branch.startswith("drift/probe-")
    assert_branch_content(clone, done.stdout, drifted.token)
    assert "dry run: branch" in done.stderr
    assert _git(origin, "branch", "--list", "drift/*") == ""  # nothing pushed


def _workflow() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Catching drift on the live API", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match is not None
    doc: dict[str, Any] = yaml.safe_load(match.group(1))
    return doc


def _expand(value: str, secrets: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: secrets[m.group(1)], value)


def test_the_readme_workflow_opens_a_pull_request(
    drifted: ServerHandle, clone: Path, origin: Path, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "gh.log"
    gh = bin_dir / "gh"
    gh.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\necho https://example.com/pr/1\n')
    gh.chmod(0o755)
    secrets = {
        "secrets.TICKTICK_USERNAME": drifted.username,
        "secrets.TICKTICK_PASSWORD": drifted.password,
        "secrets.TICKTICK_OPEN_API_TOKEN": drifted.api_token,
        "github.token": "gh-test-token",
    }
    env = _env(drifted)
    env["PATH"] = os.pathsep.join([str(bin_dir), env["PATH"]])
    workflow = _workflow()
    assert set(workflow["permissions"].values()) == {"write"}
    ran = []
    for step in workflow["jobs"]["probe"]["steps"]:
        if "run" not in step:
            continue
        if step["run"].startswith("pip install"):
            continue  # this environment has tickspec and its extras installed
        step_env = {k: _expand(str(v), secrets) for k, v in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=clone, env={**env, **step_env},
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        ran.append(step["name"])
    assert ran == ["Probe the live API; on drift, open a pull request"]
    branch = _git(clone, "branch", "--show-current").strip()
    assert _git(origin, "branch", "--list", branch).strip() == branch  # pushed
    args = log.read_text().splitlines()
    assert args[:2] == ["pr", "create"]
    assert args[args.index("--base") + 1] == "main"
    assert args[args.index("--head") + 1] == branch
    assert args[args.index("--title") + 1].startswith("API drift seen by tickspec probe on ")
    body = (clone / args[args.index("--body-file") + 1]).read_text(encoding="utf-8")
    assert_branch_content(clone, body, drifted.password)
