"""Direction-aware findings: what the server's answer makes of a request-side problem.

A capture is evidence about the server. Each case starts from a committed fixture
and changes the request, the answer, or both, as TickTick or a client would.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.contract.test_checker import body, entry0, run, set_body, set_header
from tickspec.cli import main
from tickspec.contract import builder
from tickspec.contract.findings import Kind, Severity, parse_fail_on

ERROR = {"errorId": "0" * 24, "errorCode": "invalid_request", "errorMessage": "x", "data": {}}


def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, *entries: dict[str, Any],
        args: tuple[str, ...] = ()) -> tuple[int, dict[str, Any]]:  # fmt: skip
    path = tmp_path / "capture.har"
    path.write_text(builder.dumps(builder.har(list(entries))), encoding="utf-8")
    code = main(["check", "--format", "json", *args, str(path)])
    out, err = capsys.readouterr()
    assert err == ""
    doc: dict[str, Any] = json.loads(out)
    return code, doc


def without_required_field() -> dict[str, Any]:
    """A task update that lacks the spec-required `id`, as TickTick served it (200)."""
    entry = entry0("batchTask-pin")
    value = body(entry)
    del value["update"][0]["id"]
    set_body(entry, value)
    return entry


def refused(entry: dict[str, Any], status: int, error_body: bool = True) -> dict[str, Any]:
    entry["response"]["status"] = status
    entry["response"]["content"]["text"] = json.dumps(ERROR) if error_body else ""
    entry["response"]["content"].pop("encoding", None)
    return entry


def test_a_served_request_that_breaks_the_spec_is_lenient(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, doc = cli(capsys, tmp_path, without_required_field())
    assert code == 0
    assert doc["counts"] == {"breaking": 0, "lenient": 1, "additive": 0}
    [finding] = doc["findings"]
    assert (finding["severity"], finding["side"], finding["kind"], finding["path"]) == (
        "lenient", "request", "missing_required", "request.body.update[0].id")  # fmt: skip
    code, _ = cli(capsys, tmp_path, without_required_field(), args=("--fail-on", "lenient"))
    assert code == 1


def test_a_refused_request_that_breaks_the_spec_is_counted_not_reported(tmp_path: Path) -> None:
    report = run(tmp_path, refused(without_required_field(), 400))
    assert (report.findings, report.rejected_as_documented) == ([], 1)
    report = run(tmp_path, refused(without_required_field(), 404, error_body=False))
    assert (report.findings, report.rejected_as_documented) == ([], 1)


@pytest.mark.parametrize(("name", "status"), [("signon", 405), ("syncV3-full", 400),
                                               ("signon", 400), ("syncV3-full", 405)])  # fmt: skip
def test_a_spec_valid_request_refused_is_rejected_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, status: int
) -> None:
    code, doc = cli(capsys, tmp_path, refused(entry0(name), status))
    assert code == 1
    [finding] = doc["findings"]
    assert (finding["severity"], finding["side"], finding["kind"], finding["path"]) == (
        "breaking", "request", "rejected_request", "response.status")  # fmt: skip
    assert finding["found"] == str(status)
    assert doc["rejected_as_documented"] == 0


@pytest.mark.parametrize("status", [415, 422])
def test_other_refusals_are_rejected_request(tmp_path: Path, status: int) -> None:
    findings = run(tmp_path, refused(entry0("getUserStatus"), status)).findings
    assert [(f.kind, f.severity) for f in findings] == [(Kind.REJECTED_REQUEST, Severity.BREAKING)]


def test_a_404_with_ticktick_error_body_is_about_data_not_the_request(tmp_path: Path) -> None:
    plain = run(tmp_path, refused(entry0("getTask"), 404, error_body=False)).findings
    assert [(f.kind, f.message) for f in plain] == [(
        Kind.REJECTED_REQUEST,
        "the request fits the spec, but the server refused it with 404 without TickTick's "
        "JSON error body",
    )]  # fmt: skip
    with_body = run(tmp_path, refused(entry0("getTask"), 404)).findings
    assert [(f.kind, f.side) for f in with_body] == [(Kind.UNDOCUMENTED_STATUS, "response")]


def test_a_refusal_the_operation_documents_is_not_rejected_request(tmp_path: Path) -> None:
    """createHabit documents its own 405 (cookie auth): the fixture is clean; the shared
    400 of every operation is no such promise."""
    habit = entry0("createHabit-405")
    assert habit["response"]["status"] == 405
    assert run(tmp_path, habit).findings == []
    findings = run(tmp_path, refused(entry0("createHabit-405"), 422)).findings
    assert [f.kind for f in findings] == [Kind.REJECTED_REQUEST]


def test_deprecated_operation_documenting_a_status_is_not_rejected() -> None:
    """A moved endpoint kept in the spec to say it refuses (signin -> signon, 405), even
    through a shared response object."""
    from tickspec.contract.answers import Answers
    from tickspec.spec import Spec, load

    spec = load()
    bundle = {"openapi": copy.deepcopy(spec.openapi), "schemas": spec.schemas}
    node = bundle["openapi"]["paths"]["/api/v2/user/signon"]["post"]
    node["deprecated"] = True
    node["responses"]["405"] = {"$ref": "#/components/responses/Error"}
    edited = Spec(bundle)
    op = edited.operation("signon")
    assert "405" in Answers(edited).expected_refusals(op)
    assert "405" not in Answers(spec).expected_refusals(spec.operation("signon"))


def test_a_request_with_only_additive_drift_that_is_refused_is_rejected(tmp_path: Path) -> None:
    entry = entry0("batchTask-pin")
    value = body(entry)
    value["update"][0]["brandNew"] = 1
    set_body(entry, value)
    report = run(tmp_path, refused(entry, 400))
    assert {(f.kind, f.severity, f.side) for f in report.findings} == {
        (Kind.UNKNOWN_FIELD, Severity.ADDITIVE, "request"),
        (Kind.REJECTED_REQUEST, Severity.BREAKING, "request"),
    }


def test_a_server_error_keeps_request_findings_breaking(tmp_path: Path) -> None:
    entry = refused(without_required_field(), 500)
    findings = run(tmp_path, entry).findings
    assert [(f.kind, f.severity) for f in findings] == [(Kind.MISSING_REQUIRED, Severity.BREAKING)]


def test_response_findings_keep_their_severity_and_side(tmp_path: Path) -> None:
    entry = entry0("getUserStatus")
    value = body(entry, "response")
    value["userId"] = 5
    value["aiQuota"] = 1
    set_body(entry, value, "response")
    findings = run(tmp_path, entry).findings
    assert {(f.kind, f.severity, f.side) for f in findings} == {
        (Kind.TYPE_MISMATCH, Severity.BREAKING, "response"),
        (Kind.UNKNOWN_FIELD, Severity.ADDITIVE, "response"),
    }


def test_unknown_operation_is_request_side(tmp_path: Path) -> None:
    new = builder.entry("GET", builder.API + "/api/v2/data/export", response_body=[])
    [finding] = run(tmp_path, new).findings
    assert (finding.kind, finding.side) == (Kind.UNKNOWN_OPERATION, "request")


def test_double_slashes_are_one_as_ticktick_routes_them(tmp_path: Path) -> None:
    entry = entry0("signon")
    entry["request"]["url"] = entry["request"]["url"].replace("/api/v2/user", "/api/v2//user")
    report = run(tmp_path, entry)
    assert (report.matched, report.findings, report.operations) == (1, [], {"signon": 1})


def test_query_booleans_are_case_insensitive(tmp_path: Path) -> None:
    entry = entry0("signon")
    entry["request"]["url"] = builder.API + "/api/v2/user/signon?wc=True&remember=FALSE"
    entry["request"]["queryString"] = [
        {"name": "wc", "value": "True"}, {"name": "remember", "value": "FALSE"}]  # fmt: skip
    assert run(tmp_path, entry).findings == []
    entry["request"]["queryString"][0]["value"] = "yes"
    [finding] = run(tmp_path, entry).findings
    assert (finding.kind, finding.path) == (Kind.TYPE_MISMATCH, "request.query.wc")


def test_fail_on_takes_a_comma_list() -> None:
    assert parse_fail_on("breaking") == {Severity.BREAKING}
    assert parse_fail_on("lenient") == {Severity.BREAKING, Severity.LENIENT}
    assert parse_fail_on("additive, LENIENT") == set(Severity)
    assert parse_fail_on("all") == set(Severity)
    with pytest.raises(ValueError, match="'nope' is not one of breaking, lenient, additive, all"):
        parse_fail_on("lenient,nope")


def test_fail_on_in_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    entry = without_required_field()
    value = body(entry, "response")
    value["brandNew"] = 1
    set_body(entry, value, "response")
    assert cli(capsys, tmp_path, entry)[0] == 0
    assert cli(capsys, tmp_path, entry, args=("--fail-on", "additive"))[0] == 1
    assert cli(capsys, tmp_path, entry, args=("--fail-on", "breaking,lenient"))[0] == 1
    path = tmp_path / "capture.har"
    assert main(["check", "--fail-on", "severe", str(path)]) == 2
    _, err = capsys.readouterr()
    assert err == (
        "tickspec check: --fail-on: 'severe' is not one of breaking, lenient, additive, all\n"
    )


def test_text_and_junit_name_the_side(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "capture.har"
    path.write_text(builder.dumps(builder.har([without_required_field()])), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0 breaking, 1 lenient, 0 additive" in out
    row = [line for line in out.splitlines() if "missing_required" in line]
    assert row and row[0].split()[:3] == ["lenient", "request", "missing_required"]
    assert main(["check", "--format", "junit", "--fail-on", "lenient", str(path)]) == 1
    out = capsys.readouterr().out
    assert "lenient request missing_required capture.har#0 request.body.update[0].id" in out


def test_missing_x_device_answered_400_is_rejected_as_documented(tmp_path: Path) -> None:
    entry = entry0("getUserStatus")
    set_header(entry, "X-Device", None)
    report = run(tmp_path, refused(entry, 400))
    assert (report.findings, report.rejected_as_documented) == ([], 1)


def test_an_additive_request_answered_403_keeps_the_undocumented_status(tmp_path: Path) -> None:
    """Only a refusal judged on the request side (counted, or rejected_request) spares the
    undocumented-status finding; 403 is neither, whatever the request holds."""
    entry = entry0("getTrash")
    entry["request"]["queryString"].append({"name": "brandNew", "value": "1"})
    entry["response"]["status"] = 403
    findings = run(tmp_path, entry).findings
    assert {(f.kind, f.side) for f in findings} == {
        (Kind.UNKNOWN_FIELD, "request"),
        (Kind.UNDOCUMENTED_STATUS, "response"),
    }
