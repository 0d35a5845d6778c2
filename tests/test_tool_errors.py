"""The commands' errors share one base, and `tickspec.cli.main` maps it to exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tickspec import _tool_errors, cli, errors
from tickspec.bundle import BundleError
from tickspec.contract.baseline import BaselineError
from tickspec.contract.check_extras import HookError
from tickspec.contract.har import HarError
from tickspec.contract.outputs import OutputError
from tickspec.drift import cli as drift_cli
from tickspec.drift.docs_report import DocError
from tickspec.drift.patch import PatchError
from tickspec.drift.source import SourceError
from tickspec.probe.loop import LoopError

TOOL_ERRORS = (
    BaselineError,
    BundleError,
    DocError,
    HarError,
    HookError,
    LoopError,
    OutputError,
    PatchError,
    SourceError,
)


@pytest.mark.parametrize("kind", TOOL_ERRORS)
def test_every_command_error_is_a_tool_error_of_unusable_input(kind: type[object]) -> None:
    assert issubclass(kind, errors.ToolError) and kind("x").exit_code == 2


def test_the_public_name_is_the_leaf_s_class() -> None:
    assert errors.ToolError is _tool_errors.ToolError
    assert errors.ToolError.__module__ == "tickspec.errors"
    assert errors.NotFoundError.__module__ == "tickspec.errors"
    assert _tool_errors.MissingDependencyError("x").exit_code == 3


def test_the_value_errors_stay_value_errors() -> None:
    """Callers that caught ValueError before keep catching these."""
    for kind in (BaselineError, BundleError, HookError, OutputError, PatchError):
        assert issubclass(kind, ValueError)
    assert issubclass(LoopError, RuntimeError)


def test_main_reports_a_tool_error_as_one_escaped_line_and_its_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    assert cli.main(["diff", str(missing), str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"tickspec diff: {missing}: not a schemas folder (no openapi.yaml)\n"


def test_main_uses_the_error_s_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing() -> None:
        raise _tool_errors.MissingDependencyError("needs PyYAML\x1b[31m\nnow")

    monkeypatch.setattr(drift_cli, "_need_yaml", missing)
    assert cli.main(["diff", "a", "b"]) == 3
    assert capsys.readouterr().err == "tickspec diff: needs PyYAML\\x1b[31m\\x0anow\n"
