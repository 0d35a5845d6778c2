"""Shared fakes for the client-core tests (no tests here).

`FakeTickTick` is an `httpx.MockTransport` handler: routes answer from queues
(the last answer repeats), every request is logged, and an answer may be an
exception to simulate a dropped connection. No sockets, no internet.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

import tickspec
from tickspec.server.testing import ServerHandle

BASE_URL = "https://api.ticktick.com"
TOKEN = "A1B2C3D4" * 4
CSRF = "csrf-abc123"
USER_ID = 130208689
INBOX = f"inbox{USER_ID}"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def signon_ok(request: httpx.Request) -> httpx.Response:
    del request
    return httpx.Response(
        200,
        json={"token": TOKEN, "userId": str(USER_ID), "inboxId": INBOX, "username": "me@x.com"},
        headers=[
            ("set-cookie", f"t={TOKEN}; Path=/; HttpOnly"),
            ("set-cookie", f"_csrf_token={CSRF}; Path=/"),
        ],
    )


def error(status: int, code: str | None = None, message: str = "", **data: Any) -> httpx.Response:
    if code is None:
        return httpx.Response(status)
    body = {"errorId": "e1", "errorCode": code, "errorMessage": message, "data": data or None}
    return httpx.Response(status, json=body)


def sync_body(checkpoint: int, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "checkPoint": checkpoint,
        "inboxId": INBOX,
        "syncTaskBean": {"update": []},
    }
    body.update(fields)
    return body


def task(n: int, **fields: Any) -> dict[str, Any]:
    return {"id": f"{n:024x}", "projectId": INBOX, "title": f"task {n}", **fields}


@dataclass
class FakeTickTick:
    """Routes (METHOD, path) to queued answers; logs every request it sees."""

    routes: dict[tuple[str, str], list[Answer]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.on("POST", "/api/v2/user/signon", signon_ok)

    def on(self, method: str, path: str, *answers: Answer) -> FakeTickTick:
        self.routes[(method, path)] = list(answers)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.routes.get((request.method, request.url.path))
        if not queue:
            return error(404, "not_found", f"no route {request.method} {request.url.path}")
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            # a fresh copy: the one answer may serve a sync and then an async transport,
            # and a read Response keeps the stream type of the first
            return httpx.Response(answer.status_code, headers=answer.headers, content=answer.read())
        return answer(request)

    def paths(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.url.path == path)

    def body(self, index: int) -> Any:
        return json.loads(self.requests[index].content)


def make_client(
    fake: FakeTickTick, sleeps: list[float] | None = None, **kwargs: Any
) -> tickspec.Client:
    """A sync client over the fake; sleeps are recorded (never slept), jitter is 0.5."""
    recorded = sleeps if sleeps is not None else []
    kwargs.setdefault("username", "me@x.com")
    kwargs.setdefault("password", "pw")
    kwargs.setdefault("base_url", BASE_URL)
    return tickspec.Client(
        http_client=httpx.Client(transport=httpx.MockTransport(fake)),
        sleep=recorded.append,
        random=lambda: 0.5,
        **kwargs,
    )


def make_async_client(
    fake: FakeTickTick, sleeps: list[float] | None = None, **kwargs: Any
) -> tickspec.AsyncClient:
    recorded = sleeps if sleeps is not None else []

    async def sleep(seconds: float) -> None:
        recorded.append(seconds)

    kwargs.setdefault("username", "me@x.com")
    kwargs.setdefault("password", "pw")
    kwargs.setdefault("base_url", BASE_URL)
    return tickspec.AsyncClient(
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(fake)),
        sleep=sleep,
        random=lambda: 0.5,
        **kwargs,
    )


@dataclass
class Flavour:
    """One client test body for `Client` and `AsyncClient` alike (the `flavour` fixture).

    `do` takes what a client call returned: the result itself from `Client`, or the
    coroutine from `AsyncClient`, run to its end on this test's own event loop."""

    name: str
    loop: asyncio.AbstractEventLoop | None = None

    def client(self, fake: FakeTickTick, sleeps: list[float] | None = None, **kwargs: Any) -> Any:
        make = make_client if self.name == "sync" else make_async_client
        return make(fake, sleeps, **kwargs)

    def do(self, value: Any) -> Any:
        if not inspect.isawaitable(value):
            return value
        assert self.loop is not None, "an awaitable from the sync client"
        return self.loop.run_until_complete(_awaited(value))


async def _awaited(value: Awaitable[Any]) -> Any:
    return await value


@contextmanager
def served_client(server: ServerHandle) -> Iterator[tickspec.Client]:
    """A Client signed on to `server`, reset to its seed, that ignores proxy variables."""
    server.reset()
    with tickspec.Client(
        token=server.token,
        base_url=server.base_url,
        http_client=httpx.Client(trust_env=False, timeout=10.0),
    ) as client:
        yield client
