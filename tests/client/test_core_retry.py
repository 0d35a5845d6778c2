"""The retry policy and the error mapping as pure functions (no client, no I/O)."""

from __future__ import annotations

import json

import httpx
import pytest

from tickspec._retry import RetryPolicy, exposure, parse_retry_after
from tickspec.errors import (
    AuthError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TickTickError,
    error_from_response,
    parse_error_body,
)

POLICY = RetryPolicy(max_retries=3, backoff_base=0.5, backoff_max=8.0, random=lambda: 1.0)


def ticktick_body(code: str, message: str = "") -> bytes:
    return json.dumps({"errorId": "x", "errorCode": code, "errorMessage": message}).encode()


@pytest.mark.parametrize(
    ("status", "ticktick", "idempotent", "expected"),
    [
        (429, False, True, 0.5),
        (502, False, True, 0.5),
        (503, True, True, 0.5),  # a gateway status is retried whatever the body
        (504, False, True, 0.5),
        (500, False, True, 0.5),  # HTML / empty 500: transient
        (500, True, True, None),  # TickTick error body: an answer
        (400, False, True, None),
        (404, False, True, None),
        (429, False, False, None),  # not safe to repeat
        (503, False, False, None),
        (500, False, False, None),
    ],
)
def test_status_decisions(
    status: int, ticktick: bool, idempotent: bool, expected: float | None
) -> None:
    delay = POLICY.delay_for_status(
        idempotent=idempotent,
        status_code=status,
        ticktick_error_body=ticktick,
        retry_after=None,
        attempt=0,
    )
    assert delay == expected


def test_backoff_doubles_and_is_capped() -> None:
    assert [POLICY.backoff(n) for n in range(7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    half = RetryPolicy(random=lambda: 0.25)
    assert half.backoff(2) == 0.5  # full jitter scales the whole ceiling


def test_retry_after_wins_up_to_the_cap_and_beyond_it_gives_up() -> None:
    def delay(retry_after: float) -> float | None:
        return POLICY.delay_for_status(
            idempotent=True,
            status_code=429,
            ticktick_error_body=False,
            retry_after=retry_after,
            attempt=0,
        )

    assert delay(12.0) == 12.0
    assert delay(0.0) == 0.0
    assert delay(60.0) == 60.0
    assert delay(60.5) is None  # not waited for: the caller gets the error at once
    assert delay(10_000.0) is None


def test_no_retry_after_the_last_attempt() -> None:
    def delay(attempt: int) -> float | None:
        return POLICY.delay_for_status(
            idempotent=True,
            status_code=503,
            ticktick_error_body=False,
            retry_after=None,
            attempt=attempt,
        )

    assert delay(2) == 2.0
    assert delay(3) is None
    refused = httpx.ConnectError("refused")
    assert POLICY.delay_for_exception(idempotent=False, exc=refused, attempt=3) is None


@pytest.mark.parametrize(
    ("exc", "how_far", "retried_if_not_idempotent"),
    [
        (httpx.ConnectError("refused"), "not_sent", True),
        (httpx.ConnectTimeout("slow connect"), "not_sent", True),
        (httpx.PoolTimeout("pool"), "not_sent", True),
        (httpx.ReadError("reset"), "maybe_sent", False),
        (httpx.ReadTimeout("slow answer"), "maybe_sent", False),
        (httpx.WriteError("broken pipe"), "maybe_sent", False),
        (httpx.RemoteProtocolError("disconnected"), "maybe_sent", False),
        (httpx.UnsupportedProtocol("ftp://"), "fatal", False),
    ],
)
def test_transport_failures(exc: Exception, how_far: str, retried_if_not_idempotent: bool) -> None:
    assert exposure(exc) == how_far
    for_writes = POLICY.delay_for_exception(idempotent=False, exc=exc, attempt=0)
    for_reads = POLICY.delay_for_exception(idempotent=True, exc=exc, attempt=0)
    assert (for_writes is not None) is retried_if_not_idempotent
    assert (for_reads is not None) is (how_far != "fatal")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("5", 5.0),
        (" 1.5 ", 1.5),
        ("-3", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past: go now
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value) == seconds


def test_parse_retry_after_http_date() -> None:
    now = 1_445_412_400.0  # 2015-10-21 07:26:40 UTC
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=now) == 80.0


def test_error_body_parsing() -> None:
    body = ticktick_body("task_not_found", "no such task")
    parsed = parse_error_body(body)
    assert (parsed.error_code, parsed.error_message, parsed.is_ticktick) == (
        "task_not_found",
        "no such task",
        True,
    )
    assert not parse_error_body(b"<html></html>").is_ticktick
    assert not parse_error_body(b"").is_ticktick
    assert not parse_error_body(b'{"message": "x"}').is_ticktick
    assert parse_error_body(b'{"message": "x"}').data == {"message": "x"}
    assert not parse_error_body(b"\xff\xfe").is_ticktick


def test_code_decides_before_status() -> None:
    assert type(error_from_response(500, ticktick_body("user_not_sign_on"))) is AuthError
    assert type(error_from_response(500, ticktick_body("habit_not_found"))) is NotFoundError
    assert type(error_from_response(400, ticktick_body("task_not_found"))) is NotFoundError
    assert type(error_from_response(500, ticktick_body("something_new"))) is ServerError
    assert type(error_from_response(418, b"")) is TickTickError


def test_messages_are_one_line_and_bounded() -> None:
    err = error_from_response(
        500, ticktick_body("unknown_exception", "line one\nline two"), operation_id="op"
    )
    assert str(err) == "op: HTTP 500: unknown_exception (line one line two)"
    huge = error_from_response(502, b"x" * 10_000)
    assert len(str(huge)) < 200 and str(huge).endswith("...")
    limited = error_from_response(429, b"", retry_after=3.0)
    assert isinstance(limited, RateLimitError) and limited.retry_after == 3.0
    assert str(limited) == "HTTP 429: empty body"
