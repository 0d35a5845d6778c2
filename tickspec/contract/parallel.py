"""`tickspec check -j N`: one capture's entries checked in N processes.

The parent reads the file without parsing its entries: it cuts `log.entries` into
texts of about `PIECE` characters where `}, {"<first key>":` lies (harfile.Reader's
piece mode) and hands them to a process pool, whose workers parse and check them
and send back a partial `Report`. A cut may fall between two objects nested in an
entry; then some piece does not parse, and the file is checked again by this
process alone, as `-j 1` would (the same errors, raised at the same entry). When
every piece parses, the cuts were true: the array is their concatenation, and a
JSON text has only one parse.

Results are merged in submission order, entry numbers shifted by the entries before
them, so the report (findings, their order, counts) is the one `-j 1` gives. At most
two pieces per worker are in flight, which keeps the parent's memory bounded like
the serial reader's. On Linux the workers are forked from the parent and inherit its
compiled Checker; elsewhere each builds its own.

Until 2026-11-30 the parent parsed each entry to find where it ended and the worker
parsed it again, so `-j 2` took as long as `-j 1` on two cores.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tickspec.contract import har
from tickspec.contract.findings import Report

if TYPE_CHECKING:
    from tickspec.contract.checker import Checker

PIECE = 1 << 19
"""Characters per piece: large enough that pickling and queueing are a small share,
small enough that the last piece does not leave one worker busy alone for long."""
MIN_BYTES = 4 << 20
"""Smaller captures are checked in this process: a pool costs more than it saves."""

_worker: Checker | None = None
"""The Checker of this process (set in the parent before forking, or built in the worker)."""


class _Unparsed(Exception):
    """A piece that does not parse or shape: a cut inside an entry, or a broken entry."""


def _start(hosts: list[str]) -> None:
    global _worker
    gc.disable()  # as in the serial run: checking creates no cycles (see no_cycle_collection)
    if _worker is None:  # spawned, not forked: build the Checker of the bundled spec
        from tickspec.contract.checker import Checker

        _worker = Checker(hosts=hosts)


def _check(file: str, piece: str) -> Report | None:
    """The report of one piece, entries numbered from 0; None if it does not parse
    (or an entry is unusable), which sends the whole file back to the serial path."""
    assert _worker is not None
    report = Report()
    try:
        for index, raw in enumerate(json.loads("[" + piece + "]")):
            _worker.check_entry(har.parse_entry(raw, file, index), report)
    except (ValueError, RecursionError, har.HarError):
        return None
    return report


def _batches(texts: Iterable[str]) -> Iterator[str]:
    """The reader's texts joined into pieces of at least PIECE characters (its last
    stretch comes one entry at a time)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= PIECE:
            yield ",".join(batch)
            batch, size = [], 0
    if batch:
        yield ",".join(batch)


def _merge(report: Report, part: Report | None) -> None:
    if part is None:
        raise _Unparsed
    offset = report.entries
    if offset:
        part.findings = [replace(f, entry=f.entry + offset) for f in part.findings]
    report.merge(part)


def check_file(checker: Checker, path: Path, jobs: int) -> Report:
    """The report of `checker.check_file(path)`, computed by `jobs` processes (or by
    this one, for a file too small to repay starting them, or one that has to be
    parsed in order to be cut)."""
    global _worker
    try:
        small = path.stat().st_size < MIN_BYTES
    except OSError:
        small = True  # the reader names the problem
    if small:
        return checker.check_file(path)
    _worker = checker
    fork = sys.platform == "linux"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    report = Report(files=[str(path)])
    pending: deque[Future[Report | None]] = deque()
    cut = True
    from tickspec.contract.checker import no_cycle_collection

    with (
        no_cycle_collection(),
        ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start, initargs=(sorted(checker.router.hosts),)
        ) as pool,
    ):
        try:
            for piece in _batches(har.Reader(path).entries(piece=PIECE)):
                pending.append(pool.submit(_check, str(path), piece))
                if len(pending) >= 2 * jobs:
                    _merge(report, pending.popleft().result())
            while pending:
                _merge(report, pending.popleft().result())
        except (har.HarError, _Unparsed):
            cut = False
            pool.shutdown(cancel_futures=True)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    if not cut:  # in order, as -j 1 reads it: its results, or its error at its entry
        return checker.check_file(path)
    if not report.entries:
        raise har.HarError(f"{path}: no entries (an empty capture checks nothing)")
    return report
