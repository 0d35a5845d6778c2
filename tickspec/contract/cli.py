"""`tickspec check` and `tickspec import` (owned by the contract suite)."""

from __future__ import annotations

import argparse
from typing import Any


def configure(sub: Any) -> None:
    """Add the `check` and `import` subcommands to the `tickspec` parser."""
    del sub
