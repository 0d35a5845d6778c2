"""The rows of `tickspec check`: speed against parsing, `-j 2` against `-j 1`, peak memory.

uv run python -m benchmarks check      # only these rows
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.run import ROOT, TARGETS, Row, Timing, compare, row


def _big_har(path: Path, entries: int = 10_000) -> None:
    """A capture of `entries` entries, cycling through the committed fixtures."""
    pool: list[Any] = []
    for har in sorted((ROOT / "fixtures_har").glob("*.har")):
        pool.extend(json.loads(har.read_text())["log"]["entries"])
    doc = {
        "log": {
            "version": "1.2",
            "creator": {"name": "tickspec-benchmark", "version": "1"},
            "entries": [pool[i % len(pool)] for i in range(entries)],
        }
    }
    path.write_text(json.dumps(doc))


def check_rows(tmp: Path) -> list[Row]:
    from tickspec.contract.checker import check_paths

    har = tmp / "big.har"
    _big_har(har)

    def parse_only() -> int:
        doc = json.loads(har.read_bytes())
        count = 0
        for entry in doc["log"]["entries"]:
            content = entry["response"]["content"]
            texts = [entry["request"].get("postData", {}).get("text"), content.get("text")]
            if content.get("encoding") == "base64" and texts[1]:
                texts[1] = base64.b64decode(texts[1])
            for text in texts:
                if text:
                    try:
                        json.loads(text)
                    except ValueError:
                        continue
                    count += 1
        return count

    pair = compare(lambda: check_paths([har]), parse_only)
    rows = [row("check 10,000-entry HAR", pair, "json.loads HAR + bodies", TARGETS["check"])]
    jobs = compare(lambda: check_paths([har], jobs=2), lambda: check_paths([har]), runs=7)
    rows.append(row("check -j 2, 10,000-entry HAR", jobs, "check -j 1", TARGETS["check_jobs"]))
    return rows


MEMORY_PROBE = """
import sys
from tickspec.contract.checker import check_paths
report = check_paths([sys.argv[1]])
assert report.entries == int(sys.argv[2]), report.entries
status = open("/proc/self/status", encoding="ascii").read()
print(int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) * 1024)
"""
"""Peak RSS of the process image that ran `check`: VmHWM, not getrusage's maxrss, which
Linux carries over exec from the forked copy of the (big) benchmark process."""


def check_memory_rows(tmp: Path) -> list[Row]:
    """Peak resident memory of a whole `check` process (interpreter, spec and validators
    included) on a ~100 MB capture: streaming keeps it to the largest entry, not the file.
    Linux only (/proc); the issue measured 0.9 GB on a 95 MB HAR before streaming."""
    har = tmp / "hundred-mb.har"
    entries = 30_000
    _big_har(har, entries)
    size = har.stat().st_size
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(har), str(entries)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    peak = Timing(float(result.stdout.strip()), 0.0)
    name = f"peak memory, check {size / 2**20:.0f} MiB HAR"
    limit = Timing(250.0 * 2**20, 0.0)
    return [Row(name, peak, "250 MiB", limit, TARGETS["check_memory"], unit="B")]
