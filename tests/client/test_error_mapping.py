"""Issue 13: the error code decides the class before the HTTP status, code by code.

TickTick answers most semantic errors with HTTP 500; each row below is a code the client
must not mistake for an outage (ServerError) or for a retryable error.
"""

from __future__ import annotations

import json

import pytest

from tickspec._client_errors import _short
from tickspec.errors import (
    Attempt,
    AuthError,
    BatchError,
    ConflictError,
    InvalidRequestError,
    MfaRequiredError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TickTickError,
    error_from_response,
    input_error,
    maybe_applied,
    parse_error_body,
    response_validation_error,
)


def body(code: str, message: str | None = None) -> bytes:
    payload = {"errorId": "e1", "errorCode": code, "errorMessage": message, "data": None}
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("username_password_not_match", AuthError),
        ("USER_NOT_SIGN_ON", AuthError),
        ("verify_code_expired", AuthError),
        ("too_many_requests", RateLimitError),
        ("rate_limited", RateLimitError),
        ("not_found", NotFoundError),
        ("task_not_found", NotFoundError),
        ("project_not_exist", NotFoundError),
        ("Tag_Not_Exist", NotFoundError),
        ("etag_mismatch", ConflictError),
        ("project_already_exists", ConflictError),
        ("sort_order_conflict", ConflictError),
        ("invalid_project_id", InvalidRequestError),
        ("illegal_argument", InvalidRequestError),
        ("param_missing", InvalidRequestError),
        ("due_date_invalid", InvalidRequestError),
        ("something_we_never_saw", ServerError),
    ],
)
def test_error_code_on_http_500_picks_the_class(code: str, expected: type) -> None:
    error = error_from_response(500, body(code, "said"), operation_id="getTask")
    assert type(error) is expected
    assert error.error_code == code
    assert error.status_code == 500
    assert error.message == f"getTask: HTTP 500: {code} (said)"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, InvalidRequestError),
        (401, AuthError),
        (403, AuthError),
        (404, NotFoundError),
        (405, InvalidRequestError),
        (409, ConflictError),
        (410, NotFoundError),
        (422, InvalidRequestError),
        (429, RateLimitError),
        (499, TickTickError),
        (500, ServerError),
        (503, ServerError),
    ],
)
def test_without_an_error_code_the_status_picks_the_class(status: int, expected: type) -> None:
    error = error_from_response(status, b"")
    assert type(error) is expected
    assert error.message == f"HTTP {status}: empty body"
    assert error.error_code is None


def test_non_ticktick_body_is_quoted_on_one_bounded_line() -> None:
    page = b"<html>\n  <body>" + b"x" * 300 + b"</body>\n</html>"
    error = error_from_response(502, page, operation_id="sync")
    assert type(error) is ServerError
    assert error.message.startswith("sync: HTTP 502: non-TickTick error body: <html> <body>xxx")
    assert error.message.endswith("...")
    assert len(error.message) == len("sync: HTTP 502: non-TickTick error body: ") + 120
    assert error.body == page


def test_rate_limit_keeps_retry_after_and_trace_id() -> None:
    error = error_from_response(429, b"", retry_after=2.5, trace_id="t-1")
    assert isinstance(error, RateLimitError)
    assert (error.retry_after, error.trace_id) == (2.5, "t-1")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", (None, None, None, None, False)),
        (b"   ", (None, None, None, None, False)),
        (b"\xff\xfe", (None, None, None, None, False)),
        (b"not json", (None, None, None, None, False)),
        (b"[1, 2]", (None, None, None, [1, 2], False)),
        (b'{"other": 1}', (None, None, None, {"other": 1}, False)),
        (b'{"errorId": 7}', (None, None, "7", None, True)),
        (
            b'{"errorCode": 5, "errorMessage": "m", "data": {"k": 1}}',
            ("5", "m", None, {"k": 1}, True),
        ),
    ],
)
def test_parse_error_body_never_raises(raw: bytes, expected: tuple[object, ...]) -> None:
    parsed = parse_error_body(raw)
    got = (parsed.error_code, parsed.error_message, parsed.error_id, parsed.data)
    assert (*got, parsed.is_ticktick) == expected


def test_error_keeps_every_detail_the_server_sent() -> None:
    raw = b'{"errorId": "id-9", "errorCode": "task_not_found", "errorMessage": null, "data": [1]}'
    error = error_from_response(500, raw, operation_id="getTask", trace_id="tr")
    assert isinstance(error, NotFoundError)
    assert (error.error_id, error.data, error.body, error.trace_id) == ("id-9", [1], raw, "tr")
    assert error.message == "getTask: HTTP 500: task_not_found"
    assert str(error) == error.message
    bare = TickTickError("m")
    assert (bare.body, bare.error_id, bare.status_code, bare.operation_id) == (
        b"",
        None,
        None,
        None,
    )


def test_mfa_required_error_keeps_the_auth_id_and_the_details() -> None:
    error = MfaRequiredError("needs a code", auth_id="a-1", status_code=200, error_code="mfa")
    assert isinstance(error, AuthError)
    assert (str(error), error.auth_id, error.status_code, error.error_code) == (
        "needs a code",
        "a-1",
        200,
        "mfa",
    )


def test_undecodable_body_is_quoted_with_replacement_characters() -> None:
    error = error_from_response(502, b"\xffbad gateway")
    assert error.message == "HTTP 502: non-TickTick error body: \ufffdbad gateway"


def test_a_message_of_exactly_the_limit_is_not_cut() -> None:
    text = "m" * 120
    error = error_from_response(500, body("server_busy", text))
    assert error.message == f"HTTP 500: server_busy ({text})"


def test_batch_error_names_the_failures_and_counts_them() -> None:
    failed = {f"id{i:02d}": "task_not_found" for i in range(12)}
    error = BatchError.from_failures("task", {"ok1": "etag1", "ok2": None}, failed)
    shown = "; ".join(f"id{i:02d}: task_not_found" for i in range(10))
    assert error.message == f"batch task: 12 of 14 failed: {shown} (+2 more)"
    assert (error.kind, error.status_code, error.error_code) == (
        "task",
        200,
        "batch_partial_failure",
    )
    assert (error.error_message, error.operation_id) == (error.message, None)
    assert error.succeeded == {"ok1": "etag1", "ok2": None}
    assert error.failed == failed and error.data == failed


def test_batch_error_of_eleven_failures_says_one_more() -> None:
    failed: dict[str, object] = {f"id{i:02d}": "x" for i in range(10)} | {"odd": b"raw"}
    error = BatchError.from_failures("task", {}, failed)
    assert error.message.endswith("id09: x (+1 more)")
    assert _short(b"raw") == "\"b'raw'\""


def test_batch_error_of_ten_failures_lists_them_all() -> None:
    failed = {f"id{i}": {"errorCode": "x"} for i in range(10)}
    error = BatchError.from_failures("tag", {}, failed, operation_id="batchTag", status_code=207)
    shown = "; ".join(f'id{i}: {{"errorCode": "x"}}' for i in range(10))
    assert error.message == f"batch tag: 10 of 10 failed: {shown}"
    assert (error.operation_id, error.status_code) == ("batchTag", 207)


class _FakeValidationError(ValueError):
    def errors(self) -> list[dict[str, object]]:
        return [
            {"loc": ("update", 0, "dueDate"), "msg": "bad date"},
            {"loc": (), "msg": "second"},
            {"loc": (3, "x"), "msg": "third"},
        ]


def test_response_validation_error_names_the_first_json_path() -> None:
    error = response_validation_error("syncV3", 200, b"{}", _FakeValidationError())
    assert error.problems == [
        ("update[0].dueDate", "bad date"),
        ("$", "second"),
        ("[3].x", "third"),
    ]
    assert error.message == (
        "syncV3: 200 response does not match the spec at update[0].dueDate: bad date (+2 more)"
    )
    assert (error.status_code, error.operation_id, error.body) == (200, "syncV3", b"{}")


class _NoDetails(ValueError):
    def errors(self) -> list[dict[str, object]]:
        return []


class _TwoDetails(ValueError):
    def errors(self) -> list[dict[str, object]]:
        return [{"loc": ("a",), "msg": "one"}, {"loc": ("b",), "msg": "two"}]


def test_response_validation_error_with_no_or_two_details() -> None:
    none = response_validation_error("op", 200, b"", _NoDetails())
    assert none.message == "op: 200 response does not match the spec at $: invalid body"
    two = response_validation_error("op", 200, b"", _TwoDetails())
    assert two.message == "op: 200 response does not match the spec at a: one (+1 more)"


@pytest.mark.parametrize(
    ("exc", "problem"),
    [
        (ValueError("Expecting value: line 1\nmore"), "Expecting value: line 1"),
        (ValueError(), "ValueError"),
    ],
)
def test_response_validation_error_of_a_body_that_is_not_json(
    exc: ValueError, problem: str
) -> None:
    error = response_validation_error("getTask", 200, b"<html>", exc)
    assert error.problems == [("$", problem)]
    assert error.message == f"getTask: 200 response does not match the spec at $: {problem}"


def test_a_fresh_error_is_not_applied_and_has_no_tries() -> None:
    error = TickTickError("m")
    assert (error.outcome, error.attempts) == ("not_applied", [])
    assert TickTickError("n").attempts is not error.attempts


@pytest.mark.parametrize(
    ("tries", "applied_before", "outcome"),
    [
        ([], False, "not_applied"),
        ([Attempt(400), Attempt(exception="ConnectError")], False, "not_applied"),
        ([Attempt(400)], True, "unknown"),
        ([Attempt(400), Attempt(503, maybe_applied=True)], False, "unknown"),
    ],
)
def test_settle_records_the_tries_and_derives_the_outcome(
    tries: list[Attempt], applied_before: bool, outcome: str
) -> None:
    error = ServerError("m")
    error.outcome = "unknown"  # settle decides afresh, whatever was there
    error.settle(tries, applied_before=applied_before)
    assert (error.outcome, error.attempts) == (outcome, tries)
    assert error.attempts is not tries  # a copy: the flow keeps appending to its own list


def test_settle_without_applied_before_reads_the_tries_only() -> None:
    error = ServerError("m")
    error.settle([Attempt(500, error_code="x")])
    assert error.outcome == "not_applied"


@pytest.mark.parametrize(
    ("status", "ticktick_body", "expected"),
    [
        (None, False, False),
        (200, False, False),
        (404, False, False),
        (429, False, False),
        (499, False, False),
        (500, False, True),
        (500, True, False),
        (501, True, True),
        (502, False, True),
        (503, True, True),
        (504, False, True),
    ],
)
def test_maybe_applied_only_for_an_answer_that_may_follow_the_write(
    status: int | None, ticktick_body: bool, expected: bool
) -> None:
    assert maybe_applied(status, ticktick_error_body=ticktick_body) is expected


def test_maybe_applied_defaults_to_a_body_that_is_not_ticktick_s() -> None:
    assert maybe_applied(500) is True


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b'{"error": "invalid_token", "error_description": "expired"}',
            ("invalid_token", "expired", None, False),
        ),
        (b'{"error": "invalid_grant"}', ("invalid_grant", None, None, False)),
        (b'{"error": "x", "error_description": 5}', ("x", "5", None, False)),
        (b'{"error": 5, "errorCode": "c"}', ("c", None, None, True)),
        (b'{"errorCode": "c", "errorId": null, "errorMessage": null}', ("c", None, None, True)),
    ],
)
def test_parse_error_body_reads_oauth2_s_form_too(raw: bytes, expected: tuple[object, ...]) -> None:
    parsed = parse_error_body(raw)
    got = (parsed.error_code, parsed.error_message, parsed.error_id, parsed.is_ticktick)
    assert got == expected


def test_an_oauth2_error_body_keeps_the_whole_object_as_data() -> None:
    raw = {"error": "invalid_token", "error_description": "expired"}
    parsed = parse_error_body(json.dumps(raw).encode())
    assert parsed.data == raw
    error = error_from_response(401, json.dumps(raw).encode())
    assert type(error) is AuthError
    assert error.message == "HTTP 401: invalid_token (expired)"


class _FieldError(ValueError):
    def errors(self) -> list[dict[str, object]]:
        return [
            {"loc": ("body", "items", 0, "priority"), "msg": "bad priority"},
            {"loc": ("reminders",), "msg": "bad reminder"},
        ]


def test_input_error_names_the_first_field_and_lists_every_problem() -> None:
    error = input_error(_FieldError())
    assert type(error) is InvalidRequestError
    assert error.message == (
        "invalid priority: bad priority (at body.items[0].priority; refused before sending)"
    )
    assert (error.error_code, error.error_message) == ("invalid_input", "bad priority")
    assert error.data == [("body.items[0].priority", "bad priority"), ("reminders", "bad reminder")]


def test_input_error_of_a_plain_value_error_names_a_value() -> None:
    error = input_error(ValueError("not a date\nsecond line"))
    assert error.message == "invalid value: not a date (at $; refused before sending)"
    assert error.data == []
