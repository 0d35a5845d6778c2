"""`tickspec check -j N`: one capture's entries checked in N processes.

The parent streams the file (harfile.py) and sends batches of entries, as their
JSON text (a pickled str is a copy; a pickled dict costs more to load than the JSON
costs to parse), to a process pool; workers parse, shape and check them and send
back a partial `Report`.
Results are merged in submission order, so the report (findings, their order,
counts) is the one `-j 1` gives. At most two batches per worker are in flight,
which keeps the parent's memory bounded like the serial reader's. On Linux the
workers are forked from the parent and inherit its compiled Checker; elsewhere
each builds its own.

When an entry is unusable, the error reported is the first in file order, as
with `-j 1`: a syntax error further on is raised only after the batches before
it came back.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from tickspec.contract import har
from tickspec.contract.findings import Report

if TYPE_CHECKING:
    from tickspec.contract.checker import Checker

BATCH = 250
"""Entries per task: large enough that pickling and queueing are a small share."""
MIN_BYTES = 4 << 20
"""Smaller captures are checked in this process: a pool costs more than it saves."""

_worker: Checker | None = None
"""The Checker of this process (set in the parent before forking, or built in the worker)."""


def _start(hosts: list[str]) -> None:
    global _worker
    gc.disable()  # as in the serial run: checking creates no cycles (see no_cycle_collection)
    if _worker is None:  # spawned, not forked: build the Checker of the bundled spec
        from tickspec.contract.checker import Checker

        _worker = Checker(hosts=hosts)


def _check(file: str, start: int, texts: list[str]) -> Report:
    assert _worker is not None
    report = Report()
    for offset, text in enumerate(texts):
        raw = json.loads(text)
        _worker.check_entry(har.parse_entry(raw, file, start + offset), report)
    return report


def _batches(texts: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    batch: list[str] = []
    start = 0
    for index, text in enumerate(texts):
        if not batch:
            start = index
        batch.append(text)
        if len(batch) >= BATCH:
            yield start, batch
            batch = []
    if batch:
        yield start, batch


def check_file(checker: Checker, path: Path, jobs: int) -> Report:
    """The report of `checker.check_file(path)`, computed by `jobs` processes (or by
    this one, for a file too small to repay starting them)."""
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
    pending: deque[Future[Report]] = deque()
    from tickspec.contract.checker import no_cycle_collection

    with (
        no_cycle_collection(),
        ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start, initargs=(sorted(checker.router.hosts),)
        ) as pool,
    ):
        try:
            try:
                for start, batch in _batches(har.Reader(path).entries(texts=True)):
                    pending.append(pool.submit(_check, str(path), start, batch))
                    if len(pending) >= 2 * jobs:
                        report.merge(pending.popleft().result())
            except har.HarError:
                while pending:  # an error in an earlier entry comes first, as with -j 1
                    report.merge(pending.popleft().result())
                raise
            while pending:
                report.merge(pending.popleft().result())
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    if not report.entries:
        raise har.HarError(f"{path}: no entries (an empty capture checks nothing)")
    return report
