"""Issue 13: the error code decides the class before the HTTP status, code by code.

TickTick answers most semantic errors with HTTP 500; each row below is a code the client
must not mistake for an outage (ServerError) or for a retryable error.
"""

from __future__ import annotations

import json

import pytest

from tickspec.errors import (
    AuthError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TickTickError,
    error_from_response,
    parse_error_body,
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
