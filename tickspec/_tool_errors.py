"""The commands' errors: one base carrying the exit code, so the CLI maps them in one place.

The client's errors (`TickTickError` and below) are about a request to TickTick;
these are about a command's input: a capture that is not a HAR, a baseline that
does not parse, a schemas folder without openapi.yaml. A command raises one and
`tickspec.cli.main` turns it into one line on stderr (`tickspec COMMAND: message`)
and the error's `exit_code`, so no subcommand repeats that mapping and a new
error type cannot forget it.

A leaf (it imports nothing of tickspec): the generator (codegen/), which is not
in the wheel, may base its errors on it without loading the runtime.
"""

from __future__ import annotations

EXIT_OK = 0
"""Success: no failing finding, nothing to do."""
EXIT_FOUND = 1
"""The command found what it looks for: failing drift, a breaking change, stale output."""
EXIT_UNUSABLE = 2
"""Unusable input: an unreadable file, not JSON, not a HAR, a bad spec or arguments."""
EXIT_MISSING_DEPENDENCY = 3
"""A dependency of the command is not installed (its extra), or the generator is absent."""
EXIT_BIND_FAILED = 4
"""`tickspec serve` could not bind its address."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT, as shells report it)."""


class ToolError(Exception):
    """Base of the errors a `tickspec` command raises on input it cannot use.

    The message is one line naming the file and the place; `exit_code` is what the
    command exits with (unusable input unless a subclass says otherwise).
    """

    exit_code: int = EXIT_UNUSABLE


class MissingDependencyError(ToolError):
    """A module the command needs is not installed; the message names the extra."""

    exit_code = EXIT_MISSING_DEPENDENCY
