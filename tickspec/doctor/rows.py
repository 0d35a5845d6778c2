"""The doctor's table: its pieces, rows and the commands a fix names."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_INCOMPLETE = 5
EXIT_UNUSABLE = 2
EXIT_NOT_A_CHECKOUT = 3
PIECES = ("schema", "example", "evidence", "fixture", "server", "client", "test")
SPEC_FILE = "schemas/openapi.yaml"
GENERATE = "uv run --frozen tickspec generate"
BUILD = "uv run --frozen python fixtures_har/build.py"
DOCTOR = "uv run --frozen tickspec doctor"


@dataclass(frozen=True)
class Piece:
    """One cell: present or not, what was found (or what is wrong), and the fix."""

    name: str
    ok: bool
    detail: str
    edit: str = ""
    """The file to edit when the piece is missing; empty when the command alone fixes it."""
    run: str = ""
    """The command to run after editing."""


@dataclass(frozen=True)
class Row:
    """One operation and its pieces."""

    operation_id: str
    method: str
    path: str
    pieces: tuple[Piece, ...]

    @property
    def missing(self) -> tuple[Piece, ...]:
        """The pieces it lacks."""
        return tuple(p for p in self.pieces if not p.ok)


def missing_piece(name: str, detail: str, edit: str, run: str) -> Piece:
    """A piece the operation lacks, with the file to edit and the command to run."""
    return Piece(name, False, detail, edit, run)
