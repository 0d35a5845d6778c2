"""Benchmark row of the drift loop: `propose` on the 10,000-entry capture, as a ratio to
`check` on the same capture.

`propose` runs the checker entry by entry (it needs each finding next to the entry
it came from, to read the observed values) on a spec compiled from schemas/, then
renders its edits; the ratio says what that costs over a plain `check`. Hooked
into the table by `benchmarks/run.py` as the group `drift`; alone:

    uv run python -m benchmarks.drift
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.run import Row

TARGET = 1.5
"""propose may cost half a check more: it compiles the spec from schemas/ on every run."""


def propose_rows(tmp: Path) -> list[Row]:
    from benchmarks.check import _big_har
    from benchmarks.run import ROOT, compare, row
    from tickspec.contract.checker import check_paths
    from tickspec.drift.propose import propose
    from tickspec.drift.source import load_folder

    har = tmp / "big-propose.har"
    _big_har(har)
    source = load_folder(ROOT / "schemas")
    pair = compare(lambda: propose(source, [har]), lambda: check_paths([har]), runs=5)
    return [row("propose on the 10,000-entry HAR", pair, "check on the same HAR", TARGET)]


if __name__ == "__main__":
    import tempfile

    from benchmarks.run import table

    with tempfile.TemporaryDirectory() as tmp:
        print(table(propose_rows(Path(tmp))))
