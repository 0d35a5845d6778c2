"""`tickspec doctor`: for every operation, which of its pieces the checkout has.

One row per operation of schemas/openapi.yaml, one column per piece:

  schema    every JSON body (request, 2xx answers) has a schema, inline or a file in schemas/
  example   a captured 2xx example (with its `x-evidence`) that fits the schema; an
            operation with a hand capture needs none
  evidence  the operation's `x-evidence`
  fixture   a capture in fixtures_har/ with an entry of the operation
  server    a handler (tickspec/server/handlers/), an `x-tickspec-serve` answer, or the 405
            of a moved operation
  client    its generated stub in generated/ (`client.api.<tag>.<operation>`)
  test      a test naming it (operationId, stub or a manager method calling the stub), or
            tests/server/test_served.py for an `x-tickspec-serve` operation

Each missing piece says the file to edit and the command to run. Exit 0: every
operation is complete; 5: some piece is missing (the rows say which); 2: the checkout
cannot be read; 3: not a checkout (doctor reads schemas/, fixtures_har/, tests/).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tickspec.doctor.repo import Repo

from tickspec.doctor.rows import (
    BUILD,
    DOCTOR,
    EXIT_INCOMPLETE,
    EXIT_NOT_A_CHECKOUT,
    EXIT_UNUSABLE,
    GENERATE,
    PIECES,
    SPEC_FILE,
    Piece,
    Row,
    missing_piece,
)

__all__ = [
    "BUILD",
    "DOCTOR",
    "EXIT_INCOMPLETE",
    "EXIT_NOT_A_CHECKOUT",
    "EXIT_UNUSABLE",
    "GENERATE",
    "PIECES",
    "SPEC_FILE",
    "Piece",
    "Row",
    "diagnose",
    "missing_piece",
]


def diagnose(repo: Repo) -> list[Row]:
    """A row per operation, in the order of schemas/openapi.yaml."""
    from tickspec.doctor.pieces import pieces_of

    return [
        Row(op.operation_id, op.method, op.path, pieces_of(repo, op)) for op in repo.spec.operations
    ]


def fix(piece: Piece) -> str:
    """The indented line saying what to do about a missing piece."""
    if piece.edit:
        return f"    edit {piece.edit}, then run `{piece.run}`"
    return f"    run `{piece.run}`"


def render_text(rows: list[Row], *, only_missing: bool = False) -> str:
    """A table (`+` present, `-` missing), then one line per missing piece with its fix."""
    shown = [r for r in rows if r.missing] if only_missing else rows
    width = max([len("operation"), *(len(r.operation_id) for r in shown)])
    lines = ["operation".ljust(width) + "  " + "  ".join(PIECES)]
    for row in shown:
        cells = [("+" if p.ok else "-").center(len(p.name)) for p in row.pieces]
        lines.append(row.operation_id.ljust(width) + "  " + "  ".join(cells))
    incomplete = [r for r in rows if r.missing]
    for row in incomplete:
        for piece in row.missing:
            lines.append(
                f"{row.operation_id} ({row.method} {row.path}) {piece.name}: {piece.detail}"
            )
            lines.append(fix(piece))
    complete = len(rows) - len(incomplete)
    lines.append(f"{complete} of {len(rows)} operations complete")
    return "\n".join(lines) + "\n"


def render_details(rows: list[Row]) -> str:
    """Each operation's pieces one per line, with what was found or what to do."""
    lines = []
    for row in rows:
        lines.append(f"{row.operation_id} ({row.method} {row.path})")
        for piece in row.pieces:
            mark = "+" if piece.ok else "-"
            lines.append(f"  {mark} {piece.name:<9}{piece.detail}")
            if not piece.ok:
                lines.append(fix(piece))
    return "\n".join(lines) + "\n"


def _row_json(row: Row) -> dict[str, Any]:
    return {
        "operation_id": row.operation_id,
        "method": row.method,
        "path": row.path,
        "complete": not row.missing,
        "pieces": {p.name: asdict(p) for p in row.pieces},
    }


def render_json(rows: list[Row]) -> str:
    """Every row with every piece, and the totals."""
    doc = {
        "operations": [_row_json(r) for r in rows],
        "complete": sum(1 for r in rows if not r.missing),
        "total": len(rows),
    }
    return json.dumps(doc, indent=1) + "\n"


def default_root() -> Path:
    """The checkout tickspec runs from: the generator's repository, else the working folder."""
    try:
        from codegen.paths import ROOT
    except ImportError:
        return Path.cwd()
    return ROOT


def run(args: argparse.Namespace) -> int:
    """`tickspec doctor`; the exit code is the module docstring's."""
    try:
        import codegen.spec  # noqa: F401  (a checkout has the generator)
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] != "codegen":
            raise
        print("tickspec doctor: run it in a checkout of tickspec (it reads schemas/, "
              "fixtures_har/ and tests/)", file=sys.stderr)  # fmt: skip
        return EXIT_NOT_A_CHECKOUT
    from tickspec.doctor.repo import RepoError, load_repo

    root = Path(args.root) if args.root else default_root()
    try:
        rows = diagnose(load_repo(root))
    except RepoError as exc:
        print(f"tickspec doctor: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.operation:
        unknown = sorted(set(args.operation) - {r.operation_id for r in rows})
        if unknown:
            print(f"tickspec doctor: no operation {', '.join(unknown)} in {SPEC_FILE}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_UNUSABLE
        rows = [r for r in rows if r.operation_id in args.operation]
    if args.format == "json":
        text = render_json(rows)
    elif args.operation:
        text = render_details(rows)
    else:
        text = render_text(rows, only_missing=args.missing)
    sys.stdout.write(text)
    return EXIT_INCOMPLETE if any(r.missing for r in rows) else 0


def configure(sub: Any) -> None:
    """Add the `doctor` subcommand to the `tickspec` parser."""
    parser = sub.add_parser(
        "doctor",
        help="which pieces each operation has (schema, example, capture, server, client, test)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", help="the checkout (default: the one tickspec runs from)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--missing", action="store_true", help="table rows only for incomplete operations"
    )
    parser.add_argument(
        "--operation",
        action="append",
        metavar="ID",
        help="only this operation, each piece on its own line (repeatable)",
    )
    parser.set_defaults(handler=run)
