"""Other languages' generators read `tickspec bundle`'s document (issue 20): from the
committed generated/openapi.json, openapi-python-client 0.29.1 builds at least 95% of
the operations and openapi-typescript 7.13 every one.

Slow (each tool is fetched once, then generates for 10-30 s), and skipped with the
reason when the tool cannot be installed (no uv or npx, no network).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.paths import ROOT
from tickspec.bundle import METHODS

pytestmark = pytest.mark.slow
BUNDLE = ROOT / "generated" / "openapi.json"
TIMEOUT = 600


def operation_ids() -> list[str]:
    doc = json.loads(BUNDLE.read_text(encoding="utf-8"))
    return [
        op["operationId"]
        for item in doc["paths"].values()
        for method, op in item.items()
        if method in METHODS
    ]


def tool(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `command`; skip the test when the tool itself cannot be had."""
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    try:
        return subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.skip(f"{' '.join(command[:3])}: no answer in {TIMEOUT} s (no network?)")


def installed(command: list[str], cwd: Path) -> None:
    result = tool(command, cwd)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"cannot install {command[:4]}: {last}")


def test_openapi_python_client_builds_95_percent_of_the_operations(tmp_path: Path) -> None:
    shutil.copy(BUNDLE, tmp_path / "openapi.json")
    uvx = ["uv", "tool", "run", "--from", "openapi-python-client==0.29.1"]
    installed([*uvx, "openapi-python-client", "--version"], tmp_path)
    result = tool(
        [*uvx, "openapi-python-client", "generate", "--path", "openapi.json",
         "--output-path", "client", "--meta", "none"],
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    built = [p for p in (tmp_path / "client" / "api").rglob("*.py") if p.name != "__init__.py"]
    dropped = r"^WARNING parsing (\S+ \S+) .*Endpoint will not be generated"
    skipped = re.findall(dropped, result.stdout + result.stderr, re.M)
    total = len(operation_ids())
    assert len(built) + len(skipped) == total, skipped
    assert len(built) >= 0.95 * total, skipped


def test_openapi_typescript_types_every_operation(tmp_path: Path) -> None:
    shutil.copy(BUNDLE, tmp_path / "openapi.json")
    npx = ["npx", "--yes", "openapi-typescript@7.13"]
    installed([*npx, "--version"], tmp_path)
    result = tool([*npx, "openapi.json", "--output", "schema.d.ts"], tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    text = (tmp_path / "schema.d.ts").read_text(encoding="utf-8")
    operations = text.split("\nexport interface operations {\n", 1)[1]
    typed = re.findall(r"^    ([A-Za-z0-9_]+): \{$", operations, re.M)
    assert sorted(typed) == sorted(operation_ids())
