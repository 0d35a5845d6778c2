"""`check --format FMT[:FILE]`: several reports from one run.

A CI job wants annotations on stdout, a JUnit file for the test dashboard and a
markdown summary for the job page; checking the captures three times for that
costs three runs. `--format` is repeatable, and each one may name its file:

    tickspec check captures/ --format github --format junit:report.xml \
        --format markdown:summary.md

At most one format goes to stdout (the one without a file); `-o FILE` is the file
of that one, as before, so `--format junit -o report.xml` still works.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tickspec._tool_errors import ToolError

FORMATS = ("text", "json", "junit", "markdown", "github")


class OutputError(ToolError, ValueError):
    """The --format / -o arguments do not make a set of outputs; the message is one line."""


@dataclass(frozen=True)
class Output:
    """One report of a run: its format and where it goes (None: stdout)."""

    format: str
    file: str | None = None


def parse(formats: str | Sequence[str] | None, output: str | None) -> list[Output]:
    """The outputs asked for; `formats` is one `--format` value or the list of them."""
    if formats is None:
        formats = ["text"]
    elif isinstance(formats, str):
        formats = [formats]
    outputs = []
    for item in formats:
        name, sep, file = item.partition(":")
        if name not in FORMATS:
            raise OutputError(f"--format: {name!r} is not one of {', '.join(FORMATS)}")
        if sep and not file:
            raise OutputError(f"--format {item}: no file after ':' (FMT or FMT:FILE)")
        outputs.append(Output(name, file or None))
    to_stdout = [o for o in outputs if o.file is None]
    if len(to_stdout) > 1:
        names = ", ".join(o.format for o in to_stdout)
        raise OutputError(
            f"--format: {names} would all go to stdout; give each but one a file (FMT:FILE)"
        )
    if output is not None:
        if not to_stdout:
            raise OutputError("-o/--output: every --format already names its file")
        outputs[outputs.index(to_stdout[0])] = Output(to_stdout[0].format, output)
    files = [str(Path(o.file)) for o in outputs if o.file is not None]
    twice = sorted({f for f in files if files.count(f) > 1})
    if twice:
        raise OutputError(f"--format: two reports would be written to {twice[0]}")
    return outputs
