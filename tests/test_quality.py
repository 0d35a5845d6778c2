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
    """Hand-written code (tickspec, codegen, benchmarks) and the generated package."""
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_tree_is_current() -> None:
    result = _run(sys.executable, "-m", "tickspec.cli", "generate", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout
