"""The pytest plugin: `pytest --tickspec-har=captures/` gives one test item per capture entry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.paths import FIXTURES

pytest_plugins = ["pytester"]


def captures(pytester: pytest.Pytester, *names: str) -> Path:
    folder = pytester.path / "captures"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / f"{name}.har", folder / f"{name}.har")
    return folder


def test_one_passing_item_per_entry(pytester: pytest.Pytester) -> None:
    captures(pytester, "batchTask-pin", "habit-checkin-complete", "syncV3-delta")
    result = pytester.runpytest("--tickspec-har=captures", "-v")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines([
        "*collected 4 items",
        "*batchTask-pin.har::0:POST /api/v2/batch/task PASSED*",
        "*habit-checkin-complete.har::0:POST /api/v2/habits/batch PASSED*",
        "*habit-checkin-complete.har::1:POST /api/v2/habitCheckins/batch PASSED*",
        "*syncV3-delta.har::0:GET /api/v3/batch/check/1768656748000 PASSED*",
    ])  # fmt: skip


def test_drift_fails_its_item_with_the_findings(pytester: pytest.Pytester) -> None:
    folder = captures(pytester, "habit-checkin-partial")
    path = folder / "habit-checkin-partial.har"
    doc = json.loads(path.read_text(encoding="utf-8"))
    entry = doc["log"]["entries"][1]
    body = json.loads(entry["request"]["postData"]["text"])
    body["add"][0]["checkinStamp"] = "2026-01-16"
    entry["request"]["postData"]["text"] = json.dumps(body)
    path.write_text(json.dumps(doc), encoding="utf-8")
    pytester.runpytest("--tickspec-har", str(folder)).assert_outcomes(passed=2)
    result = pytester.runpytest("--tickspec-har", str(folder), "--tickspec-fail-on=lenient")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*POST https://api.ticktick.com/api/v2/habitCheckins/batch -> 200",
        "*lenient request type_mismatch ?batchHabitCheckin? request.body.add?0?.checkinStamp: "
        'expected integer, found string "2026-01-16"',
    ])  # fmt: skip
    entry["response"]["status"] = 405  # refused although it fits the spec: rejected_request
    entry["request"]["postData"]["text"] = json.dumps({**body, "add": []})
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = pytester.runpytest("--tickspec-har", str(folder))
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*breaking request rejected_request ?batchHabitCheckin? *405"])


def test_additive_findings_fail_only_when_asked(pytester: pytest.Pytester) -> None:
    folder = captures(pytester, "getUserStatus")
    path = folder / "getUserStatus.har"
    doc = json.loads(path.read_text(encoding="utf-8"))
    content = doc["log"]["entries"][0]["response"]["content"]
    content["text"] = json.dumps({**json.loads(content["text"]), "aiQuota": 3})
    path.write_text(json.dumps(doc), encoding="utf-8")
    pytester.runpytest("--tickspec-har=captures").assert_outcomes(passed=1)
    result = pytester.runpytest("--tickspec-har=captures", "--tickspec-fail-on=additive")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*additive response unknown_field ?getUserStatus? response.body.aiQuota*"]
    )


def test_other_hosts_are_skipped_and_k_selects(pytester: pytest.Pytester) -> None:
    folder = captures(pytester, "batchTask-pin", "getUserStatus")
    doc = json.loads((folder / "getUserStatus.har").read_text(encoding="utf-8"))
    doc["log"]["entries"][0]["request"]["url"] = "https://ticktick.com/static/app.js"
    (folder / "getUserStatus.har").write_text(json.dumps(doc), encoding="utf-8")
    pytester.runpytest("--tickspec-har=captures").assert_outcomes(passed=1, skipped=1)
    pytester.runpytest("--tickspec-har=captures", "-k", "batch").assert_outcomes(passed=1)


def test_unusable_capture_is_one_failing_item(pytester: pytest.Pytester) -> None:
    folder = captures(pytester, "getUserStatus")
    (folder / "broken.har").write_text('{"log": {}}', encoding="utf-8")
    (folder / "empty.har").write_text('{"log": {"entries": []}}', encoding="utf-8")
    result = pytester.runpytest("--tickspec-har=captures", f"--tickspec-har={folder}/absent")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines([
        "*unusable capture: *broken.har: not a HAR ('log.entries' is not a list)",
        "*unusable capture: *empty.har: no entries (an empty capture checks nothing)",
        "*unusable capture: *absent: no such file or folder",
    ])  # fmt: skip


def test_without_the_option_nothing_is_added(pytester: pytest.Pytester) -> None:
    captures(pytester, "getUserStatus")
    pytester.makepyfile("def test_x():\n    assert True\n")
    pytester.runpytest().assert_outcomes(passed=1)


def test_a_wrong_fail_on_is_a_usage_error(pytester: pytest.Pytester) -> None:
    captures(pytester, "getUserStatus")
    result = pytester.runpytest("--tickspec-har=captures", "--tickspec-fail-on=severe")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--fail-on: 'severe' is not one of breaking, lenient, additive, all"]
    )


def test_a_baseline_accepts_drift_and_the_summary_names_it(pytester: pytest.Pytester) -> None:
    folder = captures(pytester, "getUserStatus")
    path = folder / "getUserStatus.har"
    doc = json.loads(path.read_text(encoding="utf-8"))
    content = doc["log"]["entries"][0]["response"]["content"]
    content["text"] = json.dumps({**json.loads(content["text"]), "aiQuota": 3})
    path.write_text(json.dumps(doc), encoding="utf-8")
    accepted = [
        {"operation": "getUserStatus", "kind": "unknown_field", "path": "response.body.aiQuota"},
        {"operation": "getTask", "kind": "unknown_field", "path": "response.body.gone"},
        {"operation": "syncV3", "kind": "unknown_field", "path": "x", "expires": "2020-01-01"},
    ]
    (pytester.path / "baseline.json").write_text(
        json.dumps({"version": 1, "accepted": accepted}), encoding="utf-8"
    )
    args = ["--tickspec-har=captures", "--tickspec-fail-on=additive"]
    result = pytester.runpytest(*args, "--tickspec-baseline=baseline.json")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "*tickspec baseline*",
        "baseline.json: 1 finding(s) suppressed",
        "  stale (matches nothing, remove it): getTask unknown_field response.body.gone",
        "  expired 2020-01-01 (no longer suppresses): syncV3 unknown_field x",
    ])  # fmt: skip
    (pytester.path / "baseline.json").write_text("{}", encoding="utf-8")
    result = pytester.runpytest(*args, "--tickspec-baseline=baseline.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--tickspec-baseline: baseline.json: not a tickspec baseline (no 'accepted' list)"]
    )
