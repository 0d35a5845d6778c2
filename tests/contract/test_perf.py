"""`check` on a 10,000-entry capture costs a small multiple of merely parsing it.

The ratio itself is measured by `python -m benchmarks` (wall-clock limits flake
on a shared CI box); here the structural reasons it holds (fast path for valid
bodies, compiled field shapes) are asserted exactly, without timing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.paths import FIXTURES
from tickspec.contract.checker import Checker, check_paths

ENTRIES = 10_000


def big_capture(path: Path) -> int:
    pool: list[Any] = []
    for har in sorted(FIXTURES.glob("*.har")):
        pool.extend(json.loads(har.read_text(encoding="utf-8"))["log"]["entries"])
    doc = {"log": {"version": "1.2", "creator": {"name": "perf", "version": "1"},
                   "entries": [pool[i % len(pool)] for i in range(ENTRIES)]}}  # fmt: skip
    path.write_text(json.dumps(doc), encoding="utf-8")
    return len(pool)


@pytest.mark.slow
def test_ten_thousand_entries_all_match(tmp_path: Path) -> None:
    """Every entry of a 10,000-entry capture is matched and clean; its speed relative
    to parsing is a row of `python -m benchmarks`, not a timed test."""
    path = tmp_path / "big.har"
    big_capture(path)
    report = check_paths([path])
    assert (report.entries, report.matched, report.skipped, report.findings) == (
        ENTRIES, ENTRIES, 0, [])  # fmt: skip


def test_field_shapes_are_compiled_once_per_checker() -> None:
    checker = Checker()
    checker.check_paths([FIXTURES])
    shapes = dict(checker.walker._shapes)
    compiled = sum(s.compiled for s in shapes.values())
    checker.check_paths([FIXTURES])
    assert checker.walker._shapes == shapes
    assert sum(s.compiled for s in checker.walker._shapes.values()) == compiled > 20


def test_clean_bodies_are_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body that passes the closed twin of its schema (strict.py) is valid and has no
    unknown field, so the Python walk is skipped: every fixture body is such a body."""
    from tickspec.contract.walker import Walker

    walked: list[Any] = []
    original = Walker.unknown

    def counting(self: Walker, schema: dict[str, Any], instance: Any) -> Any:
        walked.append(instance)
        return original(self, schema, instance)

    monkeypatch.setattr(Walker, "unknown", counting)
    checker = Checker()
    report = checker.check_paths(sorted(FIXTURES.glob("*.har")))
    assert report.findings == []
    # parameters are still walked (scalars, and the X-Device JSON), bodies are not
    objects = [value for value in walked if isinstance(value, dict | list)]
    assert objects and all(isinstance(value, dict) and "platform" in value for value in objects)
