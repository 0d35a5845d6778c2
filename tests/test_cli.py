"""The `tickspec` command itself: `python -m tickspec`, and help texts that say what
each command does and what its exit codes mean."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.paths import ROOT
from tickspec import cli


def _help(*command: str) -> None:
    parser = cli.build_parser()
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args([*command, "--help"])
    assert exit_info.value.code == 0


def test_python_dash_m_tickspec_is_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tickspec", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (result.returncode, result.stdout) == (0, cli.version() + "\n")


@pytest.mark.parametrize(
    ("command", "phrases"),
    [
        (("generate",), ["Compile schemas/", "Exit 0", "1: with --check", "3: the 'codegen'"]),
        (("check",), ["Exit 0", "1: drift", "2: unusable", "3: the 'check' extra"]),
    ],
)
def test_help_describes_the_command_and_its_exit_codes(
    command: tuple[str, ...], phrases: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _help(*command)
    text = " ".join(capsys.readouterr().out.split())
    for phrase in phrases:
        assert phrase in text, phrase


def test_a_command_imports_only_its_own_module() -> None:
    """`tickspec check --help` loads the contract's CLI and none of the other commands'
    modules (server app, probe runner, generator): each costs a new process time."""
    script = (
        "import sys\n"
        "from tickspec import cli\n"
        "try:\n"
        "    cli.main(['check', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('tickspec.', 'codegen'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = done.stdout.strip().splitlines()[-1]
    assert "'tickspec.contract.cli'" in loaded
    for other in ("tickspec.server.cli", "tickspec.probe.cli", "tickspec.drift.cli", "codegen"):
        assert f"'{other}" not in loaded, other


def test_without_a_command_every_command_is_listed() -> None:
    """No command (or an unknown one) builds the whole parser, so the error lists them all."""
    parser = cli.build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert choices is not None
    assert set(choices) == {"generate"} | {c for _, cs in cli.SUBCOMMANDS for c in cs}
