"""The contract-test suite: check HAR captures of TickTick traffic against the spec.

`check_paths(paths) -> Report` is the Python entry point (the CLI's `tickspec
check`, the pytest plugin and the benchmark all go through `Checker`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tickspec.contract.findings import Finding, Kind, Report, Severity
from tickspec.contract.har import HarError

if TYPE_CHECKING:
    from tickspec.contract.checker import Checker as Checker
    from tickspec.contract.checker import check_paths as check_paths

__all__ = ["Checker", "Finding", "HarError", "Kind", "Report", "Severity", "check_paths"]


def __getattr__(name: str) -> Any:
    """`Checker`/`check_paths` load the spec's machinery: import them only when used."""
    if name in ("Checker", "check_paths"):
        from tickspec.contract import checker

        return getattr(checker, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
