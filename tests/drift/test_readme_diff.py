"""The README's `tickspec diff` example is what the command prints for the edit it describes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.paths import ROOT, SCHEMAS
from tickspec.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _example() -> tuple[str, str]:
    """(command, output) of the indented `$ tickspec diff` block of the README."""
    section = README.split("\n## From drift to a regenerated client", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"^    \$ (tickspec diff .*)\n((?:    .*\n)+)", section, re.M)
    assert match is not None, "the diff section shows no `$ tickspec diff` example"
    output = "".join(line[4:] + "\n" for line in match.group(2).splitlines())
    return match.group(1), output


def test_the_readme_diff_example_is_the_command_s_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command, shown = _example()
    assert command == "tickspec diff git:HEAD"  # committed schemas/ vs the edited working tree
    head = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, head)
    countdown = json.loads((head / "countdown.json").read_text(encoding="utf-8"))
    countdown["properties"].pop("remark")  # "TickTick drops a countdown's `remark`
    countdown["properties"]["pinned"] = {"type": "boolean"}  # and adds an optional `pinned`"
    (head / "countdown.json").write_text(json.dumps(countdown), encoding="utf-8")
    assert main(["diff", str(SCHEMAS), str(head)]) == 1
    assert capsys.readouterr().out == shown
