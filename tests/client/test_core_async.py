"""AsyncClient parity: the same behaviours as test_core.py, awaited."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_batch_request import TaskBatchRequest
from tickspec_generated.models.task_draft import TaskDraft

import tickspec
from tests.client.client_support import (
    CSRF,
    INBOX,
    TOKEN,
    USER_ID,
    FakeTickTick,
    error,
    make_async_client,
    sync_body,
    task,
)
from tickspec.errors import (
    AuthError,
    BatchError,
    MfaRequiredError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TransportError,
)

SYNC0 = "/api/v3/batch/check/0"
SIGNON = "/api/v2/user/signon"
BATCH = "/api/v2/batch/task"
CREATE = "/api/v2/task"

T = TypeVar("T")


def run(factory: Callable[[], Awaitable[T]]) -> T:
    async def main() -> T:
        return await factory()

    return asyncio.run(main())


def ok_sync(checkpoint: int = 1, **fields: Any) -> httpx.Response:
    return httpx.Response(200, json=sync_body(checkpoint, **fields))


def draft() -> TaskDraft:
    return TaskDraft.model_validate({"title": "x", "projectId": INBOX})


def test_headers_and_single_signon_under_concurrency() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())

    async def scenario() -> None:
        async with make_async_client(fake) as client:
            await asyncio.gather(*(client.api.sync.sync_v3(0) for _ in range(5)))
            assert client.user_id == USER_ID and client.token == TOKEN

    run(scenario)
    assert fake.count(SIGNON) == 1  # five concurrent first requests, one signon
    assert fake.count(SYNC0) == 5
    syncs = [r for r in fake.requests if r.url.path == SYNC0]
    assert len({r.headers["traceid"] for r in fake.requests}) == 6
    assert len({r.headers["x-device"] for r in fake.requests}) == 1
    assert all(r.headers["x-csrftoken"] == CSRF for r in syncs)
    assert json.loads(syncs[0].headers["x-device"])["version"] == 8006


def test_mfa_flow() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    fake.on("POST", SIGNON, httpx.Response(200, json={"authId": "AUTH42"}))
    fake.on(
        "POST",
        "/api/v2/user/sign/mfa/code/verify",
        httpx.Response(200, json={"token": TOKEN, "userId": str(USER_ID)}),
    )

    async def scenario() -> None:
        client = make_async_client(fake)
        assert (await client.login()).mfa_required
        with pytest.raises(MfaRequiredError):
            await client.api.sync.sync_v3(0)
        assert not (await client.verify_mfa("654321")).mfa_required
        await client.api.sync.sync_v3(0)
        await client.close()

    run(scenario)
    assert fake.paths() == [
        f"POST {SIGNON}",
        "POST /api/v2/user/sign/mfa/code/verify",
        f"GET {SYNC0}",
    ]
    assert fake.requests[1].headers["x-verify-id"] == "AUTH42"
    assert json.loads(fake.requests[1].content) == {"code": "654321", "method": "app"}


def test_token_path() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    client = make_async_client(fake, username=None, password=None, token="SESSIONTOKEN")
    run(lambda: client.api.sync.sync_v3(0))
    assert fake.paths() == [f"GET {SYNC0}"]
    assert fake.requests[0].headers["cookie"] == "t=SESSIONTOKEN"


def test_retry_after_and_backoff() -> None:
    sleeps: list[float] = []
    fake = FakeTickTick().on(
        "GET",
        SYNC0,
        httpx.Response(429, headers={"Retry-After": "3"}),
        error(503),
        httpx.ReadError("reset"),
        ok_sync(5),
    )
    answer = run(lambda: make_async_client(fake, sleeps).api.sync.sync_v3(0))
    assert answer.check_point == 5
    assert sleeps == [3.0, 0.5, 1.0]  # Retry-After, then 0.5*2**n*0.5 for attempts 1, 2
    assert fake.count(SYNC0) == 4


@pytest.mark.parametrize("failure", [httpx.ReadError("lost"), error(503)])
def test_non_idempotent_request_is_sent_once(failure: httpx.Response | Exception) -> None:
    fake = FakeTickTick().on("POST", CREATE, failure)
    client = make_async_client(fake)
    with pytest.raises((TransportError, ServerError)):
        run(lambda: client.api.tasks.create_task(draft()))
    assert fake.count(CREATE) == 1


def test_connect_error_is_retried_for_non_idempotent_request() -> None:
    fake = FakeTickTick().on(
        "POST", CREATE, httpx.ConnectError("refused"), httpx.Response(200, json=task(4))
    )
    made = run(lambda: make_async_client(fake).api.tasks.create_task(draft()))
    assert made.title == "task 4" and fake.count(CREATE) == 2


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (error(500, "username_password_not_match"), AuthError),
        (error(500, "task_not_found"), NotFoundError),
        (httpx.Response(500, text="<html>\nbad\n</html>"), ServerError),
        (httpx.Response(429), RateLimitError),
    ],
)
def test_error_mapping(answer: httpx.Response, expected: type[Exception]) -> None:
    fake = FakeTickTick().on("POST", CREATE, answer)
    client = make_async_client(fake, username=None, password=None, token=TOKEN)
    with pytest.raises(expected) as caught:
        run(lambda: client.api.tasks.create_task(draft()))
    assert type(caught.value) is expected
    assert "\n" not in str(caught.value)


def test_wrong_password_on_signon() -> None:
    fake = FakeTickTick().on("POST", SIGNON, error(500, "username_password_not_match"))
    with pytest.raises(AuthError) as caught:
        run(lambda: make_async_client(fake).api.sync.sync_v3(0))
    assert caught.value.error_code == "username_password_not_match"
    assert fake.paths() == [f"POST {SIGNON}"]


def test_batch_error_after_partial_success() -> None:
    ok_id, bad_id = f"{1:024x}", f"{2:024x}"
    fake = FakeTickTick().on(
        "POST",
        BATCH,
        httpx.Response(200, json={"id2etag": {ok_id: "etag0001"}, "id2error": {bad_id: "ERR"}}),
    )
    client = make_async_client(fake)
    body = TaskBatchRequest(add=[Task.model_validate(task(1)), Task.model_validate(task(2))])
    answer = run(lambda: client.api.tasks.batch_task(body))
    with pytest.raises(BatchError) as caught:
        client._apply_batch("tasks", body.add or [], answer)
    assert caught.value.failed == {bad_id: "ERR"}
    assert caught.value.succeeded == {ok_id: "etag0001"}
    assert client.state.tasks[ok_id].etag == "etag0001"
    assert bad_id not in client.state.tasks


def test_full_then_delta_sync() -> None:
    fake = FakeTickTick()
    fake.on(
        "GET",
        SYNC0,
        ok_sync(10, syncTaskBean={"update": [task(1)]}, tags=[{"name": "a"}]),
    )
    fake.on(
        "GET",
        "/api/v3/batch/check/10",
        ok_sync(20, syncTaskBean={"update": [task(2)], "delete": [{"taskId": f"{1:024x}"}]}),
    )

    async def scenario() -> tickspec.AsyncClient:
        client = make_async_client(fake)
        await client.sync()
        await client.sync()
        return client

    client = run(scenario)
    assert list(client.state.tasks) == [f"{2:024x}"]
    assert list(client.state.tags) == ["a"]  # tags: null in the delta = unchanged
    assert client.state.checkpoint == 20


def test_managers_are_async_flavoured() -> None:
    client = make_async_client(FakeTickTick())
    for name in ("tasks", "projects", "tags", "filters", "columns", "habits", "search", "user"):
        manager = getattr(client, name)
        assert manager._mode.awaiting and not manager._mode.raw
