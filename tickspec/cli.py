"""`tickspec`: generate, check captures for drift, propose edits, diff specs, bundle, import, serve.

Exit codes are part of the interface, for CI:
  0  success (no breaking finding)
  1  breaking drift found, or generated/ is stale
  2  unusable input (unreadable file, not JSON, not a HAR, bad spec)
  3  a dependency of the command is not installed (its extra: see below)
  4  `tickspec serve` could not bind its address (port in use, no permission)
  5  `tickspec doctor`: some operation lacks a piece (schema, example, capture, ...)

A command that cannot use its input raises a `tickspec.errors.ToolError`; `main`
is the one place that turns it into one line on stderr and its `exit_code`.

`tickspec generate` runs the repository's generator (codegen/, not in the wheel):
the parser imports `codegen.cli` when it is built, never when this module is
imported, so no tickspec module imports codegen at import time (codegen, in turn,
imports only tickspec's leaf modules; tests/test_import_graph.py holds both).

tickspec alone is the client; `check`/`import` need the `check`
extra, `serve` the `serve` extra and `generate` the `codegen` extra. The
subcommands' modules are imported behind a guard, so a missing extra turns into
one line naming it, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from tickspec._tool_errors import EXIT_INTERRUPTED, EXIT_MISSING_DEPENDENCY, ToolError

EXTRA_OF_MODULE = {
    "jsonschema": "check",
    "jsonschema_rs": "check",
    "referencing": "check",
    "starlette": "serve",
    "uvicorn": "serve",
    "jsonpatch": "serve",
    "datamodel_code_generator": "codegen",
    "jinja2": "codegen",
    "yaml": "codegen",
}
"""Top-level modules that only an extra installs."""

EXTRA_OF_COMMAND = {
    "check": "check",
    "import": "check",
    "serve": "serve",
    "generate": "codegen",
    "propose": "check",
    "diff": "codegen",
    "probe": "check",
    "docs-diff": "check",
    "bundle": "codegen",
    "doctor": "all",
}
SUBCOMMANDS = (
    ("tickspec.contract.cli", ("check", "import")),
    ("tickspec.server.cli", ("serve",)),
    ("tickspec.drift.cli", ("propose", "diff", "docs-diff")),
    ("tickspec.probe.cli", ("probe",)),
    ("tickspec.bundle", ("bundle",)),
    ("tickspec.doctor", ("doctor",)),
)


def missing_extra(exc: ImportError) -> bool:
    """Whether `exc` is an extra's module not being installed (not a bug of ours)."""
    return (exc.name or "").partition(".")[0] in EXTRA_OF_MODULE


def extra_hint(command: str) -> str:
    """The one line naming the extra that `command` needs."""
    extra = EXTRA_OF_COMMAND.get(command, "all")
    return f"tickspec {command}: needs the '{extra}' extra: pip install 'tickspec[{extra}]'"


def _needs_extra(sub: Any, command: str) -> None:
    """A stand-in subcommand: accepts anything, prints which extra to install."""
    parser = sub.add_parser(
        command,
        help=f"(needs the {EXTRA_OF_COMMAND[command]!r} extra)",
        description=extra_hint(command) + " (exit 3 until it is installed)",
    )
    parser.add_argument("rest", nargs="*")
    parser.set_defaults(handler=lambda args: _fail_missing(command), needs_extra=True)


def _fail_missing(command: str) -> int:
    print(extra_hint(command), file=sys.stderr)
    return EXIT_MISSING_DEPENDENCY


def version() -> str:
    """`tickspec 0.1.0 (spec 0.1.0, sha256 1a2b3c4d5e6f)`: which spec the client was made from."""
    from tickspec import __version__

    try:
        import tickspec_generated as generated
    except ImportError:  # pragma: no cover - shipped in the same wheel
        return f"tickspec {__version__}"
    digest = getattr(generated, "SPEC_SHA256", "unknown")
    return f"tickspec {__version__} (spec {generated.SPEC_VERSION}, sha256 {digest[:12]})"


GENERATE_DESCRIPTION = (
    "Compile schemas/ (JSON Schema files and openapi.yaml) into generated/: the pydantic "
    "models, the typed endpoint modules, spec.json (what `check` and `serve` validate "
    "against) and openapi.json (the one-file OpenAPI document of `tickspec bundle`). "
    "The output is byte-identical run to run. Exit 0: written or up to date; 1: with "
    "--check, generated/ is stale; 2: schemas/ cannot be compiled; 3: the 'codegen' extra "
    "is missing, or this is not a checkout of tickspec (the generator is not in the wheel)."
)
NOT_A_CHECKOUT = (
    "tickspec generate: the generator is a tool of tickspec's repository, not of the "
    "wheel: run it in a checkout (`uv sync && uv run tickspec generate`, or "
    "`pip install -e '.[codegen]'` there)"
)


def _add_generate(sub: Any) -> None:
    """`tickspec generate`, wired to the repository's codegen/ when it is importable."""
    generate = sub.add_parser(
        "generate", help="regenerate generated/ from schemas/", description=GENERATE_DESCRIPTION
    )
    try:
        from codegen import cli as codegen_cli
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] != "codegen":
            raise
        generate.add_argument("rest", nargs="*")
        generate.set_defaults(handler=lambda args: _not_a_checkout(), needs_extra=True)
        return
    codegen_cli.add_arguments(generate)
    generate.set_defaults(handler=codegen_cli.run)


def _not_a_checkout() -> int:
    print(NOT_A_CHECKOUT, file=sys.stderr)
    return EXIT_MISSING_DEPENDENCY


def report(command: str, error: ToolError) -> int:
    """A command's unusable input: one line on stderr naming the command, and the error's
    exit code. The message is escaped: it may quote a capture's hostile text."""
    from tickspec.contract.safe_text import escape

    print(f"tickspec {command}: {escape(str(error))}", file=sys.stderr)
    return error.exit_code


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The `tickspec` parser; a subcommand whose extra is missing is a stand-in naming it.

    With `command`, only that subcommand's module is imported: the others' imports (the
    server's app, the probe's runner, the generator) cost about a second of a new process.
    """
    parser = argparse.ArgumentParser(prog="tickspec", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command in (None, "generate"):
        _add_generate(sub)

    for module_name, commands in SUBCOMMANDS:
        if command is not None and command not in commands:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            if not missing_extra(exc):
                raise
            for command in commands:
                _needs_extra(sub, command)
        else:
            module.configure(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; the exit code is the module docstring's."""
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((word for word in words if not word.startswith("-")), None)
    known = {"generate"} | {name for _, commands in SUBCOMMANDS for name in commands}
    parser = build_parser(first if first in known else None)
    args, unknown = parser.parse_known_args(words)
    if unknown and not getattr(args, "needs_extra", False):
        parser.error("unrecognized arguments: " + " ".join(unknown))
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except ToolError as exc:
        return report(args.command, exc)
    except BrokenPipeError:
        return 0
    except ImportError as exc:  # a subcommand importing an extra's module late
        if not missing_extra(exc):
            raise
        return _fail_missing(args.command)
    return code


if __name__ == "__main__":
    sys.exit(main())
