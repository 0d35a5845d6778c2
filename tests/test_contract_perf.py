"""`check` on a 10,000-entry capture costs a small multiple of merely parsing it.

The budget is a ratio taken in one run (wall-clock limits flake on a shared CI
box): checking must stay within 3x of `json.loads` of the HAR and its bodies,
the work any checker has to do. The structural reasons it can (fast path for
valid bodies, compiled field shapes) are asserted exactly, without timing.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tickspec.contract.checker import Checker, check_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures_har"
ENTRIES = 10_000


def big_capture(path: Path) -> int:
    pool: list[Any] = []
    for har in sorted(FIXTURES.glob("*.har")):
        pool.extend(json.loads(har.read_text(encoding="utf-8"))["log"]["entries"])
    doc = {"log": {"version": "1.2", "creator": {"name": "perf", "version": "1"},
                   "entries": [pool[i % len(pool)] for i in range(ENTRIES)]}}  # fmt: skip
    path.write_text(json.dumps(doc), encoding="utf-8")
    return len(pool)


def parse_only(path: Path) -> int:
    """The lower bound: parse the HAR and every JSON body in it."""
    count = 0
    for entry in json.loads(path.read_bytes())["log"]["entries"]:
        content = entry["response"]["content"]
        texts = [entry["request"].get("postData", {}).get("text"), content.get("text")]
        if content.get("encoding") == "base64" and texts[1]:
            texts[1] = base64.b64decode(texts[1])
        for text in texts:
            if text:
                json.loads(text)
                count += 1
    return count


def best_time(fn: Callable[[], object], runs: int = 2) -> float:
    """The fastest of `runs`: on a shared box, the run least disturbed by its neighbours."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.slow
def test_ten_thousand_entries_check_within_3x_of_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.har"
    big_capture(path)
    report = check_paths([path])  # also the warm-up: compiles the spec's validators
    assert (report.entries, report.matched, report.skipped, report.findings) == (
        ENTRIES, ENTRIES, 0, [])  # fmt: skip
    baseline = best_time(lambda: parse_only(path))
    checked = best_time(lambda: check_paths([path]))
    assert checked / baseline <= 3.0, f"check {checked:.2f} s vs parse {baseline:.2f} s"


def test_field_shapes_are_compiled_once_per_checker() -> None:
    checker = Checker()
    checker.check_paths([FIXTURES])
    shapes = dict(checker.walker._shapes)
    compiled = sum(s.compiled for s in shapes.values())
    checker.check_paths([FIXTURES])
    assert checker.walker._shapes == shapes
    assert sum(s.compiled for s in checker.walker._shapes.values()) == compiled > 20
