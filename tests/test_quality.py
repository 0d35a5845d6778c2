"""The repository's own gates, run as tests so that one command checks everything:
ruff lint, ruff format, mypy --strict, and the generated tree being current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)


def test_ruff_check() -> None:
    result = _run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    """Hand-written code (tickspec, codegen, benchmarks, mutation, tests, fixtures_har but
    the peer drivers, which run in the peers' own venvs) and the generated package."""
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_tree_is_current() -> None:
    result = _run(sys.executable, "-m", "tickspec.cli", "generate", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


WRONG = """\
from typing import Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import tags as tags_api

import tickspec
from tickspec.managers._base import ManagerBase
from tickspec.managers._flow import Flow, ModeT, operation


class Broken(ManagerBase[ModeT]):
    @operation
    def delete(self, name: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        yield from tags_api.delete_tag(len(name))


def use(client: tickspec.Client, aclient: tickspec.AsyncClient) -> None:
    title: int = client.tasks.get("id").title
    client.tasks.pin(42)
    aclient.tasks.iter_completed(page_size="3")
"""


def test_mypy_checks_the_requests_of_flows_and_the_calls_of_users(tmp_path: Path) -> None:
    """Issue 12: flows yield typed calls, so a wrong argument type is a mypy error,
    as is a wrong use of a manager method's parameters or result, sync or async."""
    probe = tmp_path / "probe.py"
    probe.write_text(WRONG)
    result = _run(sys.executable, "-m", "mypy", "--strict", str(probe))
    lines = [
        line.split(": error: ")[1] for line in result.stdout.splitlines() if ": error: " in line
    ]
    assert lines == [
        'Argument 1 to "delete_tag" has incompatible type "int"; expected "str"  [arg-type]',
        'Incompatible types in assignment (expression has type "str | None", variable has type '
        '"int")  [assignment]',
        'Argument 1 has incompatible type "int"; expected "str"  [arg-type]',
        'Argument "page_size" has incompatible type "str"; expected "int"  [arg-type]',
    ], result.stdout
