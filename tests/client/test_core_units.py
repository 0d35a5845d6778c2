"""The request core's rules one at a time, on values (tickspec/_base_client.py).

The flow is driven by hand, as in test_request_flow.py, against a recording auth
strategy: which steps each answer gives, what each try records, what the error
raised at the end carries. Issue 13's mutation run found these rules unpinned.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self

import httpx
import pytest
from tickspec_generated.endpoints._base import ApiRequest

from tickspec._base_client import (
    Exchange,
    RequestCore,
    RequestFlow,
    SettledResponse,
    SignOn,
    Sleep,
)
from tickspec._options import ClientOptions
from tickspec._retry import RetryPolicy
from tickspec.errors import (
    Attempt,
    AuthError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    TickTickError,
    TransportError,
)

OPTIONS = ClientOptions(
    base_url="https://api.example.test",
    max_retries=2,
    backoff_base=1.0,
    backoff_max=3.0,
    retry_after_max=10.0,
    timeout=7.0,
)
READ = ApiRequest(operation_id="getThing", method="GET", path="/things/1", idempotent=True)
WRITE = ApiRequest(operation_id="addThing", method="POST", path="/things", content=b"{}")
TICKTICK_500 = b'{"errorId": "e", "errorCode": "server_busy", "errorMessage": "busy"}'


@dataclass
class FakeAuth:
    """An auth strategy that records what the core asks of it."""

    options: ClientOptions = OPTIONS
    unauthenticated: frozenset[str] = frozenset({"signon"})
    signed_on: bool = True
    expired: bool = False
    generation: int = 3
    checks: int = 0
    seen: list[tuple[str, str, Mapping[str, str] | None]] = field(default_factory=list)

    def needs_signon(self) -> bool:
        return not self.signed_on

    def check_can_send(self) -> None:
        self.checks += 1

    def headers(
        self, request: ApiRequest, *, trace_id: str, extra: Mapping[str, str] | None
    ) -> dict[str, str]:
        self.seen.append((request.operation_id, trace_id, extra))
        return {"x-trace": trace_id, **(extra or {})}

    def session_expired(self, error: TickTickError, request: ApiRequest) -> bool:
        return self.expired and error.status_code == 401

    def signon(
        self, exchange: Exchange, *, force: bool, stale_generation: int | None
    ) -> RequestFlow[Any]:
        raise AssertionError("the flow yields SignOn; only a driver signs on")

    def reconfigured(self, options: ClientOptions) -> Self:
        return type(self)(options=options, generation=self.generation + 10)


def core(auth: FakeAuth | None = None, options: ClientOptions = OPTIONS) -> RequestCore[FakeAuth]:
    return RequestCore(options, auth or FakeAuth(), random=lambda: 1.0)


def finish(flow: RequestFlow[Any], answer: Any) -> Any:
    with pytest.raises(StopIteration) as stop:
        flow.send(answer)
    return stop.value.value


def test_the_retry_policy_and_timeout_come_from_the_options() -> None:
    def jitter() -> float:
        return 0.25

    made = RequestCore(OPTIONS, FakeAuth(), random=jitter)
    assert made.retry == RetryPolicy(
        max_retries=2, backoff_base=1.0, backoff_max=3.0, retry_after_max=10.0, random=jitter
    )
    assert made.timeout == httpx.Timeout(7.0).as_dict()
    assert RequestCore(OPTIONS, FakeAuth()).retry.random is RetryPolicy().random


def test_reconfigured_keeps_the_identity_and_the_jitter_under_new_options() -> None:
    def jitter() -> float:
        return 0.5

    other = ClientOptions(base_url="https://other.test", max_retries=0)
    made = RequestCore(OPTIONS, FakeAuth(), random=jitter).reconfigured(other)
    assert made.options is other
    assert (made.auth.options, made.auth.generation) == (other, 13)
    assert made.retry.random is jitter and made.retry.max_retries == 0


def test_build_sends_the_request_to_its_url_with_the_auth_headers_and_the_client_timeout() -> None:
    auth = FakeAuth()
    request = ApiRequest(
        operation_id="listThings",
        method="GET",
        path="/things",
        params=(("limit", "5"), ("tag", "a b")),
    )
    built = core(auth).build(request, trace_id="t-1", extra_headers={"x-own": "1"})
    assert (built.method, str(built.url)) == (
        "GET",
        "https://api.example.test/things?limit=5&tag=a+b",
    )
    assert (built.headers["x-trace"], built.headers["x-own"]) == ("t-1", "1")
    assert auth.seen == [("listThings", "t-1", {"x-own": "1"})]
    assert built.extensions["timeout"] == httpx.Timeout(7.0).as_dict()
    assert built.content == b""


def test_build_keeps_a_request_s_own_timeout_and_body_and_adds_no_empty_query() -> None:
    request = ApiRequest(
        operation_id="addThing", method="POST", path="/things", content=b'{"a":1}', timeout=2.0
    )
    built = core().build(request, trace_id="t")
    assert str(built.url) == "https://api.example.test/things"
    assert built.read() == b'{"a":1}'
    assert built.extensions["timeout"] == httpx.Timeout(2.0).as_dict()


def test_an_authenticated_request_signs_on_first_then_checks_it_can_send() -> None:
    auth = FakeAuth(signed_on=False)
    flow = core(auth).exchange(READ)
    assert next(flow) == SignOn()
    assert auth.checks == 0
    assert isinstance(flow.send(None), httpx.Request)
    assert auth.checks == 1


def test_a_signed_on_request_checks_it_can_send_without_signing_on() -> None:
    auth = FakeAuth()
    flow = core(auth).exchange(READ)
    assert isinstance(next(flow), httpx.Request)
    assert auth.checks == 1


@pytest.mark.parametrize(
    ("operation_id", "authenticate"),
    [("signon", None), ("getThing", False)],
)
def test_an_unauthenticated_request_neither_signs_on_nor_checks(
    operation_id: str, authenticate: bool | None
) -> None:
    auth = FakeAuth(signed_on=False)
    request = ApiRequest(operation_id=operation_id, method="POST", path="/signon")
    flow = core(auth).exchange(request, authenticate=authenticate)
    assert isinstance(next(flow), httpx.Request)
    assert auth.checks == 0


def test_authenticate_true_signs_on_even_for_a_listed_operation() -> None:
    auth = FakeAuth(signed_on=False)
    request = ApiRequest(operation_id="signon", method="POST", path="/signon")
    assert next(core(auth).exchange(request, authenticate=True)) == SignOn()


def test_success_bounds_are_200_and_299() -> None:
    for status in (200, 299):
        flow = core().exchange(READ)
        next(flow)
        done = finish(flow, httpx.Response(status, content=b"ok", headers={"etag": "e1"}))
        assert isinstance(done, SettledResponse)
        assert (done.status_code, done.content, done.headers["etag"]) == (status, b"ok", "e1")
        assert done.attempts == (Attempt(status_code=status),)
    flow = core().exchange(READ)
    next(flow)
    with pytest.raises(TickTickError) as caught:
        flow.send(httpx.Response(300))
    assert caught.value.status_code == 300


def test_retries_back_off_by_attempt_on_one_trace_id_then_give_up_with_every_try() -> None:
    auth = FakeAuth()
    flow = core(auth).exchange(READ, extra_headers={"x-own": "1"})
    next(flow)
    assert flow.send(httpx.Response(503)) == Sleep(1.0)  # base 1 x 2**0, jitter 1
    next(flow)
    assert flow.send(httpx.Response(502)) == Sleep(2.0)  # base 1 x 2**1
    next(flow)
    with pytest.raises(ServerError) as caught:
        flow.send(httpx.Response(504))
    error = caught.value
    traces = {trace for _, trace, _ in auth.seen}
    assert len(auth.seen) == 3 and len(traces) == 1
    assert {extra["x-own"] for _, _, extra in auth.seen if extra} == {"1"}
    assert (error.trace_id, error.operation_id) == (traces.pop(), "getThing")
    assert error.attempts == [
        Attempt(503, maybe_applied=True),
        Attempt(502, maybe_applied=True),
        Attempt(504, maybe_applied=True),
    ]
    assert error.outcome == "unknown"


def test_a_ticktick_500_is_a_refusal_not_retried_and_not_applied() -> None:
    flow = core().exchange(READ)
    next(flow)
    with pytest.raises(ServerError) as caught:
        flow.send(httpx.Response(500, content=TICKTICK_500))
    assert caught.value.attempts == [Attempt(500, error_code="server_busy", maybe_applied=False)]
    assert caught.value.outcome == "not_applied"


def test_a_bare_500_read_is_retried_as_maybe_applied() -> None:
    flow = core().exchange(READ)
    next(flow)
    assert flow.send(httpx.Response(500)) == Sleep(1.0)


def test_retry_after_is_waited_and_kept_on_the_final_error() -> None:
    flow = core().exchange(READ)
    next(flow)
    assert flow.send(httpx.Response(429, headers={"retry-after": "4"})) == Sleep(4.0)
    next(flow)
    with pytest.raises(RateLimitError) as caught:
        flow.send(httpx.Response(429, headers={"retry-after": "30"}))  # over retry_after_max
    assert caught.value.retry_after == 30.0
    assert len(caught.value.attempts) == 2


def test_a_write_answered_503_gives_up_at_once_as_maybe_applied() -> None:
    flow = core().exchange(WRITE)
    next(flow)
    with pytest.raises(ServerError) as caught:
        flow.send(httpx.Response(503))
    assert (caught.value.outcome, caught.value.operation_id) == ("unknown", "addThing")


def test_an_expired_session_signs_on_again_once_without_using_up_a_retry() -> None:
    auth = FakeAuth(expired=True, generation=7)
    flow = core(auth).exchange(READ)
    next(flow)
    assert auth.checks == 1
    assert flow.send(httpx.Response(401)) == SignOn(force=True, stale_generation=7)
    assert isinstance(flow.send(None), httpx.Request)
    assert auth.checks == 2  # the new sign-on may want a second factor
    assert flow.send(httpx.Response(503)) == Sleep(1.0)  # still the first retry's backoff
    next(flow)
    with pytest.raises(AuthError) as caught:
        flow.send(httpx.Response(401))  # expired again: the caller's
    assert [a.status_code for a in caught.value.attempts] == [401, 503, 401]


def test_an_unauthenticated_request_never_signs_on_again() -> None:
    auth = FakeAuth(expired=True)
    flow = core(auth).exchange(READ, authenticate=False)
    next(flow)
    with pytest.raises(AuthError):
        flow.send(httpx.Response(401))


def test_a_connect_failure_is_retried_then_named_with_the_attempt_count() -> None:
    flow = core().exchange(WRITE)
    next(flow)
    assert flow.throw(httpx.ConnectError("refused")) == Sleep(1.0)
    next(flow)
    assert flow.throw(httpx.ConnectError("refused")) == Sleep(2.0)
    next(flow)
    with pytest.raises(TransportError) as caught:
        flow.throw(httpx.ConnectError("refused"))
    error = caught.value
    assert type(error) is TransportError
    assert error.message == "addThing: ConnectError after 3 attempts: refused"
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert error.operation_id == "addThing" and error.trace_id
    assert error.attempts == [Attempt(exception="ConnectError", maybe_applied=False)] * 3
    assert error.outcome == "not_applied"


def test_a_first_try_s_read_timeout_on_a_write_is_a_timeout_error_that_may_have_applied() -> None:
    flow = core().exchange(WRITE)
    next(flow)
    with pytest.raises(RequestTimeoutError) as caught:
        flow.throw(httpx.ReadTimeout(""))
    assert caught.value.message == "addThing: ReadTimeout"
    assert caught.value.attempts == [Attempt(exception="ReadTimeout", maybe_applied=True)]
    assert caught.value.outcome == "unknown"


def test_each_try_is_logged_with_its_answer_and_number(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="tickspec")
    flow = core().exchange(READ)
    next(flow)
    flow.throw(httpx.ConnectError("refused"))
    next(flow)
    finish(flow, httpx.Response(200))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("tickspec")] == [
        "GET /things/1 -> ConnectError (attempt 1, getThing)",
        "GET /things/1 -> 200 (attempt 2, getThing)",
    ]


def test_a_transport_message_keeps_its_own_last_letter() -> None:
    flow = core().exchange(WRITE)
    next(flow)
    with pytest.raises(TransportError) as caught:
        flow.throw(httpx.ReadError("closed by peer X"))
    assert caught.value.message == "addThing: ReadError: closed by peer X"
