"""`tickspec`: generate, check captures for drift, propose edits, diff specs, import, serve.

Exit codes are part of the interface, for CI:
  0  success (no breaking finding)
  1  breaking drift found, or generated/ is stale
  2  unusable input (unreadable file, not JSON, not a HAR, bad spec)
  3  a dependency of the command is not installed
  4  `tickspec serve` could not bind its address (port in use, no permission)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    from codegen import cli as codegen_cli
    from tickspec import __version__
    from tickspec.contract import cli as contract_cli
    from tickspec.drift import cli as drift_cli
    from tickspec.server import cli as server_cli

    parser = argparse.ArgumentParser(prog="tickspec", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"tickspec {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    generate = sub.add_parser("generate", help="regenerate generated/ from schemas/")
    codegen_cli.add_arguments(generate)
    generate.set_defaults(handler=codegen_cli.run)

    contract_cli.configure(sub)
    server_cli.configure(sub)
    drift_cli.configure(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
