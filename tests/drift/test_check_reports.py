"""What every `check` report says beside the findings: the baseline and coverage
status, why the run fails, and the next step; arguments that cannot work are refused."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.drift.drift_support import three_drifts
from tests.paths import FIXTURES
from tickspec.cli import main

ONE = str(FIXTURES / "getTask.har")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("value", ["150", "-1", "nan", "100.5"])
def test_min_coverage_outside_0_to_100_is_exit_2(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, ONE, "--min-coverage", value)
    assert (code, out) == (2, "")
    assert err.startswith("tickspec check: --min-coverage: ")
    assert err.endswith("is not a percentage (0 to 100)\n")


def test_github_and_junit_say_why_a_coverage_minimum_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junit = tmp_path / "r.xml"
    code, out, _ = run(capsys, ONE, "--min-coverage", "50", "--format", "github",
                       "--format", f"junit:{junit}")  # fmt: skip
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("::error")]
    assert len(errors) == 1
    assert errors[0].startswith("::error title=tickspec coverage::0.")
    assert errors[0].endswith("%25 of operations captured, below --min-coverage 50")
    suite = ET.parse(junit).getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failure = suite.find("testcase[@name='coverage']/failure")
    assert failure is not None and failure.get("type") == "min_coverage"
    props = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
    assert props["tickspec.coverage.minimum"] == "50%"
    assert str(props["tickspec.coverage.operations"]).endswith("%")


def test_every_format_carries_the_baseline_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = str(three_drifts(tmp_path / "drift.har"))
    file = tmp_path / "baseline.json"
    assert run(capsys, capture, "--write-baseline", str(file))[0] == 0
    base = [capture, "--baseline", str(file)]
    text = run(capsys, *base)[1]
    assert "baseline: 4 finding(s) suppressed" in text
    markdown = run(capsys, *base, "--format", "markdown")[1]
    assert "- baseline: 4 finding(s) suppressed" in markdown
    doc = json.loads(run(capsys, *base, "--format", "json")[1])
    assert (doc["baseline"]["suppressed"], doc["fails"], doc["reasons"]) == (4, False, [])
    github = run(capsys, *base, "--format", "github")[1]
    assert "::notice title=tickspec baseline::baseline: 4 finding(s) suppressed" in github
    junit = ET.fromstring(run(capsys, *base, "--format", "junit")[1])
    props = {p.get("name"): p.get("value") for p in junit.findall("properties/property")}
    assert props["tickspec.baseline.suppressed"] == "4"
    assert (props["tickspec.baseline.stale"], props["tickspec.baseline.expired"]) == ("0", "0")


def test_the_next_step_follows_the_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = str(three_drifts(tmp_path / "drift.har"))
    code, out, _ = run(capsys, capture)
    assert code == 1
    assert out.splitlines()[-1] == (
        f"next: `tickspec propose {capture}` lists the schema edits (`--apply` writes them, "
        f"then `tickspec generate`); or accept this drift: `tickspec check {capture} "
        "--write-baseline drift-baseline.json`"
    )
    markdown = run(capsys, capture, "--format", "markdown")[1]
    assert f"**Next:** `tickspec propose {capture}` lists the schema edits" in markdown
    assert "**The run fails:** 1 failing finding(s)." in markdown
    assert run(capsys, ONE)[1].splitlines()[-1] == (
        "next: nothing to do; the captures match the spec"
    )
    below = run(capsys, ONE, "--min-coverage", "50")[1].splitlines()[-1]
    assert below.startswith("next: capture the operations no entry exercised")
    doc = json.loads(run(capsys, ONE, "--format", "json")[1])
    assert doc["next_step"] == "next: nothing to do; the captures match the spec"
