"""The request core's flow driven by hand: the steps it yields for each answer.

`RequestCore.exchange` is a generator (tickspec/_base_client.py); the blocking and
awaiting drivers only carry its steps out, so its decisions are tested here
without any driver, and the two drivers against the same answers at the end.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from tickspec_generated.endpoints._base import ApiRequest

from tickspec._base_client import RequestCore, RequestFlow, SettledResponse, SignOn, Sleep
from tickspec._options import ClientOptions
from tickspec._transport import AsyncTransport, SyncTransport
from tickspec.auth import Session, WebSession
from tickspec.errors import Attempt, AuthError, TransportError
from tickspec.open_api.auth import BearerAuth

OPTIONS = ClientOptions(base_url="https://api.example.test", max_retries=2)
READ = ApiRequest(operation_id="getThing", method="GET", path="/things/1", idempotent=True)
WRITE = ApiRequest(operation_id="addThing", method="POST", path="/things", content=b"{}")


def bearer_core() -> RequestCore[BearerAuth]:
    return RequestCore(OPTIONS, BearerAuth(OPTIONS, "tok"), random=lambda: 0.5)


def web_core(session: Session) -> RequestCore[WebSession]:
    auth = WebSession(OPTIONS, session, httpx.Cookies(), device_id="d" * 24, websocket_id="w" * 24)
    return RequestCore(OPTIONS, auth, random=lambda: 0.5)


def finish(flow: RequestFlow[Any], answer: Any) -> Any:
    with pytest.raises(StopIteration) as stop:
        flow.send(answer)
    return stop.value.value


def test_a_retried_read_yields_request_sleep_request_and_returns_its_tries() -> None:
    flow = bearer_core().exchange(READ)
    first = next(flow)
    assert isinstance(first, httpx.Request)
    assert (str(first.url), first.headers["authorization"]) == (
        "https://api.example.test/things/1",
        "Bearer tok",
    )
    assert flow.send(httpx.Response(503)) == Sleep(0.25)  # base 0.5 x jitter 0.5
    assert isinstance(flow.send(None), httpx.Request)
    done = finish(flow, httpx.Response(200, content=b"{}"))
    assert isinstance(done, SettledResponse)
    # a 503 without a TickTick body may come after the server applied a write
    assert done.attempts == (Attempt(503, maybe_applied=True), Attempt(status_code=200))


def test_a_write_whose_connection_dropped_gives_up_at_once_as_maybe_applied() -> None:
    flow = bearer_core().exchange(WRITE)
    next(flow)
    with pytest.raises(TransportError) as caught:
        flow.throw(httpx.ReadError("reset"))
    assert caught.value.outcome == "unknown"
    assert caught.value.attempts == [Attempt(exception="ReadError", maybe_applied=True)]


def test_a_write_that_never_left_is_retried_after_a_backoff() -> None:
    flow = bearer_core().exchange(WRITE)
    next(flow)
    assert flow.throw(httpx.ConnectError("refused")) == Sleep(0.25)


def test_an_expired_web_session_asks_the_driver_to_sign_on_again_once() -> None:
    session = Session(username="me@x.com", password="pw", signed_on=True, generation=4)
    flow = web_core(session).exchange(WRITE)
    next(flow)
    assert flow.send(httpx.Response(401)) == SignOn(force=True, stale_generation=4)
    assert session.signed_on is False  # forgotten: the driver's sign-on will renew it
    session.signed_on = True
    assert isinstance(flow.send(None), httpx.Request)  # the write, once more
    with pytest.raises(AuthError):
        flow.send(httpx.Response(401))  # a second 401 is the caller's


def test_a_web_request_before_sign_on_starts_with_the_sign_on_step() -> None:
    flow = web_core(Session(username="me@x.com", password="pw")).exchange(READ)
    assert next(flow) == SignOn()


def test_a_bearer_without_token_fails_before_any_step() -> None:
    core = RequestCore(OPTIONS, BearerAuth(OPTIONS, None))
    with pytest.raises(AuthError, match="no access token"):
        next(core.exchange(READ))


def test_blocking_and_awaiting_drivers_take_the_same_steps() -> None:
    answers = [httpx.Response(429, headers={"retry-after": "2"}), httpx.Response(200, json=1)]

    def handler(request: httpx.Request) -> httpx.Response:
        del request
        return answers.pop(0)

    sleeps: list[float] = []
    sync = SyncTransport(
        bearer_core(), httpx.Client(transport=httpx.MockTransport(handler)), sleeps.append
    )
    assert sync.send(READ).content == b"1"

    answers[:] = [httpx.Response(429, headers={"retry-after": "2"}), httpx.Response(200, json=1)]
    async_sleeps: list[float] = []

    async def record(seconds: float) -> None:
        async_sleeps.append(seconds)

    async def go() -> bytes:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        response = await AsyncTransport(bearer_core(), http, record).send(READ)
        return response.content

    assert asyncio.run(go()) == b"1"
    assert sleeps == async_sleeps == [2.0]
