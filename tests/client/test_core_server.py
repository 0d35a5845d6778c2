"""Client core against the local TickTick server on 127.0.0.1 (real sockets, real faults).

Counting on the server side (`stats()`) is what proves "no duplicate writes":
`requests` counts every request an operation received, `applied` every handler
run. Sleeps are recorded, never slept, so retries cost no wall time.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_batch_request import TaskBatchRequest
from tickspec_generated.models.task_draft import TaskDraft

import tickspec
from tickspec.errors import (
    AuthError,
    BatchError,
    MfaRequiredError,
    NotFoundError,
    RateLimitError,
    TransportError,
)
from tickspec.server.testing import ServerHandle, running_server


@pytest.fixture(scope="module")
def server() -> Iterator[ServerHandle]:
    with running_server() as handle:
        yield handle


@pytest.fixture
def srv(server: ServerHandle) -> ServerHandle:
    server.reset()
    return server


def client_for(
    srv: ServerHandle, sleeps: list[float] | None = None, **kwargs: Any
) -> tickspec.Client:
    recorded = sleeps if sleeps is not None else []
    if "token" not in kwargs:
        kwargs.setdefault("username", srv.username)
        kwargs.setdefault("password", srv.password)
    return tickspec.Client(
        base_url=srv.base_url,
        http_client=httpx.Client(trust_env=False, timeout=10.0),
        sleep=recorded.append,
        random=lambda: 0.5,
        **kwargs,
    )


def new_task(client: tickspec.Client | tickspec.AsyncClient, title: str) -> Task:
    inbox = client.state.inbox_id
    assert inbox is not None
    return Task.model_validate(
        {"id": client.new_id(), "projectId": inbox, "title": title, "status": 0}
    )


def requests(srv: ServerHandle, operation_id: str) -> int:
    return int(srv.stats()["requests"].get(operation_id, 0))


def applied(srv: ServerHandle, operation_id: str) -> int:
    return int(srv.stats()["applied"].get(operation_id, 0))


def server_tasks(srv: ServerHandle) -> dict[str, Any]:
    tasks: dict[str, Any] = srv.state()["tasks"]
    return tasks


# -- auth ---------------------------------------------------------------------------------


def test_signon_once_then_session_reuse(srv: ServerHandle) -> None:
    with client_for(srv) as client:
        client.sync()
        client.sync()
        client.api.user.get_user_profile()
        assert client.user_id == 130208689
        assert client.token and len(client.token) > 20
    assert requests(srv, "signon") == 1
    assert requests(srv, "syncV3") == 2


def test_token_path_never_signs_on(srv: ServerHandle) -> None:
    with client_for(srv, token=srv.token) as client:
        client.sync()
    assert requests(srv, "signon") == 0 and requests(srv, "syncV3") == 1


def test_wrong_password_is_auth_error(srv: ServerHandle) -> None:
    with client_for(srv, password="wrong") as client, pytest.raises(AuthError) as caught:
        client.sync()
    err = caught.value
    assert err.error_code == "username_password_not_match" and err.status_code == 500
    assert requests(srv, "signon") == 1  # a semantic 500 is an answer, not retried
    assert requests(srv, "syncV3") == 0


def test_mfa_against_the_server() -> None:
    with running_server(mfa_code="246810") as mfa_srv, client_for(mfa_srv) as client:
        first = client.login()
        assert first.mfa_required and first.auth_id
        with pytest.raises(MfaRequiredError):
            client.sync()
        assert not client.verify_mfa("246810").mfa_required
        client.sync()
        assert client.state.inbox_id == "inbox130208689"
        stats = mfa_srv.stats()["requests"]
        assert (stats["signon"], stats["verifyMfa"], stats["syncV3"]) == (1, 1, 1)


# -- retries and faults -------------------------------------------------------------------


def test_429_with_retry_after_is_retried_after_that_delay(srv: ServerHandle) -> None:
    sleeps: list[float] = []
    with client_for(srv, sleeps) as client:
        client.login()
        srv.inject_fault("syncV3", status=429, retry_after=2)
        client.sync()
    assert sleeps == [2.0]
    assert requests(srv, "syncV3") == 2 and applied(srv, "syncV3") == 1


def test_503_is_retried(srv: ServerHandle) -> None:
    sleeps: list[float] = []
    with client_for(srv, sleeps) as client:
        client.login()
        srv.inject_fault("syncV3", status=503, times=2)
        client.sync()
    assert sleeps == [0.25, 0.5]
    assert requests(srv, "syncV3") == 3


def test_429_on_a_non_idempotent_request_is_not_retried(srv: ServerHandle) -> None:
    with client_for(srv) as client:
        client.sync()
        srv.inject_fault("createTask", status=429)
        draft = TaskDraft.model_validate({"title": "once", "projectId": client.state.inbox_id})
        with pytest.raises(RateLimitError):
            client.api.tasks.create_task(draft)
    assert requests(srv, "createTask") == 1 and applied(srv, "createTask") == 0


def test_dropped_connection_mid_batch_is_retried_and_written_once(srv: ServerHandle) -> None:
    sleeps: list[float] = []
    with client_for(srv, sleeps) as client:
        client.sync()
        task = new_task(client, "exactly once")
        srv.inject_fault("batchTask", drop_connection=True, when="after")
        answer = client.api.tasks.batch_task(TaskBatchRequest(add=[task]))
        client.state.write_batch("tasks", [task], answer, operation_id="batchTask")
        assert client.state.tasks[task.id].etag == answer.id2etag[task.id]
    assert len(sleeps) == 1
    assert requests(srv, "batchTask") == 2
    copies = [t for t in server_tasks(srv).values() if t["title"] == "exactly once"]
    assert len(copies) == 1 and copies[0]["id"] == task.id
    assert copies[0]["etag"] == answer.id2etag[task.id]


def test_dropped_connection_after_a_non_idempotent_write_is_not_repeated(
    srv: ServerHandle,
) -> None:
    with client_for(srv) as client:
        client.sync()
        srv.inject_fault("createTask", drop_connection=True, when="after")
        draft = TaskDraft.model_validate({"title": "no dupes", "projectId": client.state.inbox_id})
        with pytest.raises(TransportError) as caught:
            client.api.tasks.create_task(draft)
    assert caught.value.operation_id == "createTask" and caught.value.status_code is None
    assert requests(srv, "createTask") == 1
    assert [t["title"] for t in server_tasks(srv).values()].count("no dupes") == 1


def test_read_timeout_is_retried_for_reads_only(srv: ServerHandle) -> None:
    sleeps: list[float] = []
    with client_for(srv, sleeps, timeout=0.3) as client:
        client.sync()
        srv.inject_fault("syncV3", delay=1.0)
        client.sync()  # first try times out, the retry answers
        assert sleeps == [0.25]
        srv.inject_fault("createTask", delay=1.0)
        draft = TaskDraft.model_validate({"title": "slow", "projectId": client.state.inbox_id})
        with pytest.raises(TransportError, match="ReadTimeout"):
            client.api.tasks.create_task(draft)
    assert requests(srv, "syncV3") == 3
    assert requests(srv, "createTask") == 1


def test_connection_refused_is_retried_then_transport_error() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sleeps: list[float] = []
    client = tickspec.Client(
        token="x",
        base_url=f"http://127.0.0.1:{port}",
        http_client=httpx.Client(trust_env=False),
        sleep=sleeps.append,
        random=lambda: 1.0,
    )
    draft = TaskDraft.model_validate({"title": "x"})
    with pytest.raises(TransportError, match="ConnectError after 4 attempts"):
        client.api.tasks.create_task(draft)  # not idempotent, but nothing was sent
    assert sleeps == [0.5, 1.0, 2.0]


def test_task_not_found_is_not_found_error(srv: ServerHandle) -> None:
    with client_for(srv) as client, pytest.raises(NotFoundError) as caught:
        client.api.tasks.get_task("0" * 24)
    assert caught.value.status_code in (404, 500)
    assert caught.value.error_code and caught.value.error_code.endswith("not_found")


# -- batches and sync ---------------------------------------------------------------------


def test_batch_error_after_partial_success(srv: ServerHandle) -> None:
    with client_for(srv) as client:
        client.sync()
        good = new_task(client, "good")
        ghost = new_task(client, "ghost")  # update of a task the server never saw
        answer = client.api.tasks.batch_task(TaskBatchRequest(add=[good], update=[ghost]))
        with pytest.raises(BatchError) as caught:
            client.state.write_batch("tasks", [good, ghost], answer, operation_id="batchTask")
        err = caught.value
        assert err.failed == {ghost.id: "TASK_NOT_FOUND"}
        assert list(err.succeeded) == [good.id]
        assert ghost.id in str(err)
        assert client.state.tasks[good.id].etag == server_tasks(srv)[good.id]["etag"]
        assert ghost.id not in client.state.tasks


def test_full_then_delta_sync_matches_the_server(srv: ServerHandle) -> None:
    with client_for(srv) as client:
        client.sync()
        assert client.state.checkpoint > 0
        first = client.state.checkpoint
        tasks = [new_task(client, f"t{i}") for i in range(3)]
        client.api.tasks.batch_task(TaskBatchRequest(add=tasks))
        projects_before = dict(client.state.projects)
        client.sync()  # delta
        assert client.state.checkpoint > first
        assert sorted(client.state.tasks) == sorted(server_tasks(srv))
        for key, wire in client.state.snapshot()["tasks"].items():
            assert wire["etag"] == server_tasks(srv)[key]["etag"]
        assert client.state.projects.keys() == projects_before.keys()
        delete = {"delete": [{"taskId": tasks[0].id, "projectId": tasks[0].project_id}]}
        client.api.tasks.batch_task(TaskBatchRequest.model_validate(delete))
        client.sync()
        assert tasks[0].id not in client.state.tasks
        assert sorted(client.state.tasks) == sorted(server_tasks(srv))
    paths = srv.stats()["requests"]
    assert paths["syncV3"] == 3


# -- async parity -------------------------------------------------------------------------


def test_async_client_against_the_server(srv: ServerHandle) -> None:
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async def scenario() -> None:
        async with tickspec.AsyncClient(
            username=srv.username,
            password=srv.password,
            base_url=srv.base_url,
            http_client=httpx.AsyncClient(trust_env=False, timeout=10.0),
            sleep=sleep,
            random=lambda: 0.5,
        ) as client:
            await asyncio.gather(client.sync(), client.api.user.get_user_profile())
            srv.inject_fault("batchTask", drop_connection=True, when="after")
            task = new_task(client, "async once")
            answer = await client.api.tasks.batch_task(TaskBatchRequest(add=[task]))
            client.state.write_batch("tasks", [task], answer)
            srv.inject_fault("syncV3", status=429, retry_after=1)
            await client.sync()
            assert task.id in client.state.tasks

    asyncio.run(scenario())
    stats = srv.stats()["requests"]
    assert stats["signon"] == 1
    assert stats["batchTask"] == 2
    assert sleeps == [0.25, 1.0]
    copies = [t for t in server_tasks(srv).values() if t["title"] == "async once"]
    assert len(copies) == 1
