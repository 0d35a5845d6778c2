"""`tickspec check` on targeted drift: each finding's kind, severity, operation, path, entry.

Every case starts from a committed fixture (so the rest of the exchange is
known-good) and changes one thing, the way the server or the web app would.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.paths import FIXTURES
from tickspec.contract import builder
from tickspec.contract.checker import Checker, check_paths
from tickspec.contract.findings import Finding, Kind, Report, Severity


def fixture(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((FIXTURES / f"{name}.har").read_text(encoding="utf-8"))
    return doc


def entry0(name: str) -> dict[str, Any]:
    entry: dict[str, Any] = copy.deepcopy(fixture(name)["log"]["entries"][0])
    return entry


def body(entry: dict[str, Any], side: str = "request") -> Any:
    if side == "request":
        return json.loads(entry["request"]["postData"]["text"])
    return json.loads(entry["response"]["content"]["text"])


def set_body(entry: dict[str, Any], value: Any, side: str = "request") -> None:
    if side == "request":
        entry["request"]["postData"]["text"] = json.dumps(value)
    else:
        entry["response"]["content"]["text"] = json.dumps(value)


def set_header(entry: dict[str, Any], name: str, value: str | None) -> None:
    headers = [h for h in entry["request"]["headers"] if h["name"].lower() != name.lower()]
    if value is not None:
        headers.append({"name": name, "value": value})
    entry["request"]["headers"] = headers


def run(tmp_path: Path, *entries: dict[str, Any], name: str = "case.har") -> Report:
    path = tmp_path / name
    path.write_text(builder.dumps(builder.har(list(entries))), encoding="utf-8")
    return check_paths([path])


def only(report: Report) -> Finding:
    assert len(report.findings) == 1, [f.to_json() for f in report.findings]
    return report.findings[0]


def mutated(name: str, change: Callable[[Any], None], side: str = "request") -> dict[str, Any]:
    entry = entry0(name)
    value = body(entry, side)
    change(value)
    set_body(entry, value, side)
    return entry


# -- the committed fixtures --------------------------------------------------------------


def test_fixtures_match_every_operation_without_findings() -> None:
    captures = sorted(FIXTURES.glob("*.har"))
    report = check_paths(captures)
    total = sum(len(json.loads(p.read_text())["log"]["entries"]) for p in captures)
    assert (report.entries, report.matched, report.skipped) == (total, total, 0)
    assert len(report.files) == len(captures)
    assert report.findings == []
    # that every operation has a capture is `tickspec doctor`'s fixture column (test_doctor.py)


PEERS = FIXTURES / "peers"


def test_public_clients_traffic_is_served_and_fits_the_spec() -> None:
    """pyticktick, ticktick-sdk, ticktick-py and dida365-api work against the real TickTick,
    so what they send (web API and Open API) must fit the spec: every recorded answer is
    2xx (the authorize page's 302 is its success), nothing is breaking or lenient, and
    the additive findings are the accepted ones of peers/baseline.json."""
    from tickspec.contract import baseline

    captures = sorted(PEERS.glob("*.har"))
    assert [p.stem for p in captures] == [
        "dida365-api-0.2.5-open",
        "pyticktick-0.3.0-open",
        "pyticktick-0.3.0",
        "ticktick-py-2.0.3",
        "ticktick-sdk-0.4.3-open",
        "ticktick-sdk-0.4.3",
    ]
    answers = [
        (e["request"]["url"], e["response"]["status"])
        for p in captures
        for e in json.loads(p.read_text())["log"]["entries"]
    ]
    refused = [(u, s) for u, s in answers if not 200 <= s < 300]
    assert refused and all(s == 302 and "/oauth/authorize?" in u for u, s in refused), refused
    report = check_paths(captures)
    assert (report.matched, report.skipped, report.rejected_as_documented) == (report.entries, 0, 0)
    assert report.counts() == {"breaking": 0, "lenient": 0, "additive": 3}
    outcome = baseline.apply(report, baseline.load(PEERS / "baseline.json"))
    assert (outcome.report.findings, outcome.suppressed) == ([], 3)
    assert (outcome.stale, outcome.expired) == ([], [])


def test_fixtures_take_only_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid bodies never pay for jsonschema's error walk (the 10k-entry budget)."""
    from tickspec import spec

    calls: list[Any] = []
    original = spec.Validator.errors

    def counting(self: spec.Validator, instance: Any) -> Any:
        calls.append(instance)
        return original(self, instance)

    monkeypatch.setattr(spec.Validator, "errors", counting)
    Checker().check_paths([FIXTURES])
    assert calls == []


# -- body drift ----------------------------------------------------------------------------


def test_type_change_is_one_type_mismatch(tmp_path: Path) -> None:
    """The capture answered 200: the server took what the spec rejects (lenient)."""
    entry = mutated("batchTask-pin", lambda b: b["update"][0].__setitem__("status", "2"))
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.severity) == (Kind.TYPE_MISMATCH, Severity.LENIENT)
    assert finding.side == "request"
    assert finding.operation == "batchTask"
    assert finding.path == "request.body.update[0].status"
    assert (finding.entry, Path(finding.file).name) == (0, "case.har")
    assert finding.expected == "integer"
    assert finding.found == 'string "2"'


def test_enum_violation(tmp_path: Path) -> None:
    entry = mutated("batchTask-pin", lambda b: b["update"][0].__setitem__("priority", 4))
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.severity) == (Kind.ENUM_VIOLATION, Severity.LENIENT)
    assert finding.path == "request.body.update[0].priority"
    assert finding.expected == "one of [0, 1, 3, 5]"


def test_timestamp_without_milliseconds_is_a_format_violation(tmp_path: Path) -> None:
    """A response timestamp must be TickTick's `...000+0000`; requests may use any ISO 8601
    form (TimestampIn), so the drift shows on what the server sends."""

    def change(body: Any) -> None:
        body["syncTaskBean"]["update"][0]["modifiedTime"] = "2026-01-17T13:53:44Z"

    finding = only(run(tmp_path, mutated("syncV3-full", change, "response")))
    assert (finding.kind, finding.severity) == (Kind.FORMAT_VIOLATION, Severity.BREAKING)
    assert finding.path == "response.body.syncTaskBean.update[0].modifiedTime"
    assert finding.found == '"2026-01-17T13:53:44Z"'


def test_nullable_field_of_wrong_type_names_both_types(tmp_path: Path) -> None:
    entry = mutated("batchTask-pin", lambda b: b["update"][0].__setitem__("dueDate", 5))
    finding = only(run(tmp_path, entry))
    assert finding.kind is Kind.TYPE_MISMATCH
    assert finding.expected == "string or null"


def test_missing_required_field_in_a_response_array(tmp_path: Path) -> None:
    def change(value: Any) -> None:
        del value["syncTaskBean"]["update"][1]["id"]

    finding = only(run(tmp_path, mutated("syncV3-full", change, "response")))
    assert (finding.kind, finding.severity) == (Kind.MISSING_REQUIRED, Severity.BREAKING)
    assert finding.operation == "syncV3"
    assert finding.path == "response.body.syncTaskBean.update[1].id"


def test_new_fields_are_additive_at_every_depth(tmp_path: Path) -> None:
    def change(value: Any) -> None:
        value["brandNew"] = 1
        value["syncTaskBean"]["update"][0]["focusMode"] = True
        value["projectProfiles"][0]["aiSummary"] = {"x": 1}
        value["syncTaskOrderBean"]["freeForm"] = 1  # an open object: not reported

    report = run(tmp_path, mutated("syncV3-full", change, "response"))
    assert {(f.kind, f.severity, f.path) for f in report.findings} == {
        (Kind.UNKNOWN_FIELD, Severity.ADDITIVE, "response.body.brandNew"),
        (Kind.UNKNOWN_FIELD, Severity.ADDITIVE, "response.body.syncTaskBean.update[0].focusMode"),
        (Kind.UNKNOWN_FIELD, Severity.ADDITIVE, "response.body.projectProfiles[0].aiSummary"),
    }


def test_map_keys_are_not_unknown_fields_but_map_values_are_checked(tmp_path: Path) -> None:
    entry = entry0("batchTask-wont-do")
    value = body(entry, "response")
    value["id2etag"]["696b8b6f2c6f3277d1cc4331"] = 17
    set_body(entry, value, "response")
    finding = only(run(tmp_path, entry))
    assert finding.kind is Kind.TYPE_MISMATCH
    assert finding.path == 'response.body.id2etag["696b8b6f2c6f3277d1cc4331"]'


def test_delta_sync_null_collections_are_valid_but_a_null_task_bean_is_not(tmp_path: Path) -> None:
    assert run(tmp_path, entry0("syncV3-delta")).findings == []
    entry = mutated("syncV3-delta", lambda b: b.__setitem__("syncTaskBean", None), "response")
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.path) == (Kind.TYPE_MISMATCH, "response.body.syncTaskBean")


# -- headers and parameters ---------------------------------------------------------------


def test_missing_x_device_served_is_lenient(tmp_path: Path) -> None:
    entry = entry0("batchTask-pin")
    set_header(entry, "X-Device", None)
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.severity) == (Kind.MISSING_REQUIRED, Severity.LENIENT)
    assert finding.path == "request.headers.X-Device"


@pytest.mark.parametrize(
    ("value", "kind", "path"),
    [
        ("{not json", Kind.INVALID_JSON, "request.headers.X-Device"),
        ('{"platform":"web"}', Kind.MISSING_REQUIRED, "request.headers.X-Device.version"),
        ("", Kind.INVALID_JSON, "request.headers.X-Device"),
    ],
)
def test_x_device_drift(tmp_path: Path, value: str, kind: Kind, path: str) -> None:
    entry = entry0("getUserStatus")
    set_header(entry, "x-device", value)  # header names are case-insensitive
    findings = run(tmp_path, entry).findings
    assert (kind, path) in {(f.kind, f.path) for f in findings}
    assert all(f.severity is Severity.LENIENT for f in findings)


def test_x_device_version_as_string_and_new_key(tmp_path: Path) -> None:
    entry = entry0("getUserStatus")
    device = {**builder.X_DEVICE, "version": "8006", "locale": "en"}
    set_header(entry, "X-Device", json.dumps(device))
    report = run(tmp_path, entry)
    assert {(f.kind, f.severity, f.path) for f in report.findings} == {
        (Kind.TYPE_MISMATCH, Severity.LENIENT, "request.headers.X-Device.version"),
        (Kind.UNKNOWN_FIELD, Severity.ADDITIVE, "request.headers.X-Device.locale"),
    }


def test_query_and_path_parameters_are_coerced_then_validated(tmp_path: Path) -> None:
    trash = entry0("getTrash")
    trash["request"]["url"] = (
        builder.API + "/api/v2/project/all/trash/pagination?start=0&limit=x&y=1"
    )
    trash["request"]["queryString"] = [
        {"name": "start", "value": "0"},
        {"name": "limit", "value": "x"},
        {"name": "y", "value": "1"},
    ]
    task = entry0("getTask")
    task["request"]["url"] = builder.API + "/api/v2/task/NOT-AN-ID?projectId=inbox100000001"
    sync = entry0("syncV3-full")
    sync["request"]["url"] = builder.API + "/api/v3/batch/check/-1"
    report = run(tmp_path, trash, task, sync)
    # a path segment that does not fit its parameter's pattern or type routes nowhere
    # (tests/contract/test_routing.py); one that fits them is validated like the rest
    assert {(f.entry, f.kind, f.severity, f.path) for f in report.findings} == {
        (0, Kind.TYPE_MISMATCH, Severity.LENIENT, "request.query.limit"),
        (0, Kind.UNKNOWN_FIELD, Severity.ADDITIVE, "request.query.y"),
        (1, Kind.UNKNOWN_OPERATION, Severity.ADDITIVE, "request"),
        (2, Kind.CONSTRAINT_VIOLATION, Severity.LENIENT, "request.path.checkpoint"),
    }


# -- operations, statuses, hosts ------------------------------------------------------------


def test_unknown_operation_is_additive_and_named_by_method_and_path(tmp_path: Path) -> None:
    new = builder.entry("GET", builder.API + "/api/v2/data/export", response_body=[])
    wrong_method = builder.entry("DELETE", builder.API + "/api/v2/batch/task")
    report = run(tmp_path, new, wrong_method)
    assert [(f.kind, f.severity, f.operation) for f in report.findings] == [
        (Kind.UNKNOWN_OPERATION, Severity.ADDITIVE, "GET /api/v2/data/export"),
        (Kind.UNKNOWN_OPERATION, Severity.ADDITIVE, "DELETE /api/v2/batch/task"),
    ]
    assert report.findings[1].message.endswith("(the spec has POST for this path)")
    assert (report.entries, report.matched) == (2, 0)


def test_undocumented_status(tmp_path: Path) -> None:
    entry = entry0("getUserStatus")
    entry["response"]["status"] = 418
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.severity) == (Kind.UNDOCUMENTED_STATUS, Severity.BREAKING)
    assert (finding.path, finding.found) == ("response.status", "418")
    assert finding.expected == "200, 400, 401, 429, 500"


def test_a_400_answer_to_a_bad_request_is_counted_and_its_body_checked(tmp_path: Path) -> None:
    entry = entry0("batchTask-pin")
    set_header(entry, "X-Device", None)
    entry["response"]["status"] = 400
    error = {"errorId": "0" * 24, "errorCode": "invalid_request", "errorMessage": "x", "data": {}}
    set_body(entry, error, "response")
    report = run(tmp_path, entry)
    assert (report.findings, report.rejected_as_documented) == ([], 1)
    set_body(entry, {"errorMessage": "x"}, "response")
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.path) == (Kind.MISSING_REQUIRED, "response.body.errorCode")
    assert (finding.side, finding.severity) == ("response", Severity.BREAKING)


def test_signon_answer_without_token_or_auth_id_is_breaking(tmp_path: Path) -> None:
    assert run(tmp_path, entry0("signon")).findings == []
    entry = mutated("signon", lambda b: b.pop("token"), "response")
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.severity) == (Kind.MISSING_REQUIRED, Severity.BREAKING)
    assert finding.path == "response.body.token"
    mfa = entry0("signon")
    set_body(mfa, {"authId": "c4a1b2d3e4f5a6b7c8d9e0f1", "expireTime": 1768657048000}, "response")
    assert run(tmp_path, mfa).findings == []


def test_mfa_auth_id_header_is_a_declared_parameter(tmp_path: Path) -> None:
    entry = entry0("verifyMfa-header")
    assert run(tmp_path, entry).findings == []
    set_header(entry, "x-verify-id", "")
    finding = only(run(tmp_path, entry))
    assert (finding.severity, finding.path) == (Severity.LENIENT, "request.headers.x-verify-id")


def test_error_status_body_is_checked_against_the_error_schema(tmp_path: Path) -> None:
    entry = entry0("signon-error")
    set_body(entry, {"errorId": "x", "message": "oops"}, "response")
    report = run(tmp_path, entry)
    assert {(f.kind, f.path) for f in report.findings} == {
        (Kind.MISSING_REQUIRED, "response.body.errorCode"),
        (Kind.UNKNOWN_FIELD, "response.body.message"),
    }


def test_other_hosts_and_preflights_are_skipped_and_counted(tmp_path: Path) -> None:
    static = builder.entry("GET", "https://ticktick.com/static/app.js", raw_response="var a;")
    analytics = builder.entry(
        "POST", "https://www.google-analytics.com/g/collect", raw_request="v=2"
    )
    preflight = builder.entry("OPTIONS", builder.API + "/api/v2/batch/task")
    dida = entry0("getUserStatus")
    dida["request"]["url"] = "https://api.dida365.com/api/v2/user/status"
    report = run(tmp_path, static, analytics, preflight, dida)
    assert (report.entries, report.matched, report.skipped) == (4, 1, 3)
    assert report.findings == []


# -- HAR details -----------------------------------------------------------------------------


def test_base64_bodies_are_decoded_before_validation(tmp_path: Path) -> None:
    entry = entry0("getUserProfile")
    assert entry["response"]["content"]["encoding"] == "base64"
    assert run(tmp_path, entry).findings == []
    bad = {"username": "user@example.com", "verifiedEmail": "yes"}
    entry["response"]["content"]["text"] = base64.b64encode(json.dumps(bad).encode()).decode()
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.path) == (Kind.TYPE_MISMATCH, "response.body.verifiedEmail")
    entry["response"]["content"]["text"] = "%%% not base64"
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.message) == (Kind.INVALID_JSON, "body: invalid base64 text")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "<html>502 Bad Gateway</html>",
            "body: not JSON (Expecting value: line 1 column 1 (char 0))",
        ),
        ("", "body: empty body"),
    ],
)
def test_non_json_bodies_are_findings(tmp_path: Path, text: str, message: str) -> None:
    entry = entry0("getUserStatus")
    entry["response"]["content"]["text"] = text
    finding = only(run(tmp_path, entry))
    assert (finding.kind, finding.severity) == (Kind.INVALID_JSON, Severity.BREAKING)
    assert (finding.path, finding.message) == ("response.body", message)


def test_a_body_the_exporter_did_not_keep_is_not_a_finding(tmp_path: Path) -> None:
    entry = entry0("getUserStatus")
    del entry["response"]["content"]["text"]
    assert run(tmp_path, entry).findings == []


def test_request_body_missing_or_unexpected(tmp_path: Path) -> None:
    missing = entry0("batchTask-pin")
    del missing["request"]["postData"]
    unexpected = entry0("deleteHabit-405")
    unexpected["response"]["content"]["text"] = '{"errorCode": "method_not_allowed"}'
    report = run(tmp_path, missing, unexpected)
    assert [(f.entry, f.kind, f.severity, f.path) for f in report.findings] == [
        (0, Kind.MISSING_REQUIRED, Severity.LENIENT, "request.body"),
        (1, Kind.UNEXPECTED_BODY, Severity.ADDITIVE, "response.body"),
    ]


def test_deeply_nested_body_is_reported_not_crashed_on(tmp_path: Path) -> None:
    entry = entry0("getUserStatus")
    entry["response"]["content"]["text"] = "[" * 100_000 + "]" * 100_000
    finding = only(run(tmp_path, entry))
    assert finding.kind in (Kind.INVALID_JSON, Kind.TYPE_MISMATCH)
    assert finding.path == "response.body"


def test_a_value_of_no_branch_type_beside_a_const_is_a_type_mismatch(tmp_path: Path) -> None:
    """sectionId is `anyOf: [ObjectId, {const: "-1"}, null]`: a number fits no branch's type,
    so it is a type mismatch naming the types, not an enum member to add."""

    def change(body: Any) -> None:
        body[0]["sectionId"] = 5

    finding = only(run(tmp_path, mutated("getHabits", change, "response")))
    assert (finding.kind, finding.path) == (Kind.TYPE_MISMATCH, "response.body[0].sectionId")
    assert finding.expected == "string or null"


def test_a_drifted_answer_of_an_inline_schema_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    """`getNotifications` answers with a schema written inline in openapi.yaml whose `$ref`s
    name the files beside it: the exact errors (jsonschema) resolve them as jsonschema-rs does."""
    doc = json.loads((FIXTURES / "getNotifications-example.har").read_text(encoding="utf-8"))
    content = doc["log"]["entries"][0]["response"]["content"]
    answer = json.loads(content["text"])
    answer[0]["createdTime"] = "2022-11-26"
    content["text"] = json.dumps(answer)
    path = tmp_path / "drifted.har"
    path.write_text(json.dumps(doc), encoding="utf-8")
    [finding] = check_paths([path]).findings
    assert finding.path == "response.body[0].createdTime"
