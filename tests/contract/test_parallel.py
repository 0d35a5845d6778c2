"""`check -j N`: the same report as `-j 1`, in the same order, errors included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.contract.test_checker import body, entry0, set_body
from tests.paths import FIXTURES
from tickspec.contract import builder, parallel
from tickspec.contract.checker import Checker
from tickspec.contract.har import HarError


def mixed_capture(path: Path, count: int) -> Path:
    """Clean entries from every fixture, with drift of several kinds sprinkled in."""
    pool: list[Any] = []
    for har in sorted(FIXTURES.glob("*.har")):
        pool.extend(json.loads(har.read_text(encoding="utf-8"))["log"]["entries"])
    entries = [json.loads(json.dumps(pool[i % len(pool)])) for i in range(count)]
    for i in range(0, count, 7):
        bad = entry0("getUserStatus")
        value = body(bad, "response")
        value[f"new{i}"] = i
        value["userId"] = i
        set_body(bad, value, "response")
        entries[i] = bad
    entries[count // 2]["request"]["url"] = builder.API + "/api/v2/unknown"
    path.write_text(json.dumps(builder.har(entries)), encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_report_equals_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(parallel, "BATCH", 16)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    path = mixed_capture(tmp_path / "big.har", 300)
    checker = Checker()
    serial = checker.check_paths([path, FIXTURES / "signon.har"])
    parallel_report = checker.check_paths([path, FIXTURES / "signon.har"], jobs=jobs)
    assert len(serial.findings) > 80
    assert parallel_report.to_json() == serial.to_json()
    assert parallel_report.operations == serial.operations


def test_the_first_error_in_file_order_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entry 3's bad structure comes before the syntax error at the end, as with -j 1."""
    monkeypatch.setattr(parallel, "BATCH", 2)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    entries = [entry0("getUserStatus") for _ in range(10)]
    entries[3]["response"]["status"] = "200"
    text = json.dumps(builder.har(entries))
    path = tmp_path / "bad.har"
    path.write_text(text[: text.rindex("]")] + ", {]}}", encoding="utf-8")
    checker = Checker()
    with pytest.raises(HarError) as serial:
        checker.check_paths([path])
    with pytest.raises(HarError) as par:
        checker.check_paths([path], jobs=2)
    assert str(par.value) == str(serial.value)
    assert "entry 3: response 'status' is not an integer" in str(serial.value)


def test_cli_jobs_give_the_same_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tickspec.cli import main

    monkeypatch.setattr(parallel, "BATCH", 8)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    path = mixed_capture(tmp_path / "big.har", 60)
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "--format", "json", "-j", jobs, str(path)])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1] and outputs[0][0] == 1
    assert main(["check", "-j", "0", str(path)]) == 2
    assert (
        capsys.readouterr().err
        == "tickspec check: -j/--jobs: 0 is not a number of processes (>= 1)\n"
    )
