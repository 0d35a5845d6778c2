"""`tickspec serve` (owned by the local server)."""

from __future__ import annotations

from typing import Any


def configure(sub: Any) -> None:
    """Add the `serve` subcommand to the `tickspec` parser."""
    del sub
