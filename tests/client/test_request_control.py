"""Issue 12: per-request control, raw responses and pagination, against `tickspec serve`.

Every test runs with `Client` and with `AsyncClient` from one body (`await R(...)`
resolves a value or awaits a coroutine). An httpx request hook records what
really went on the wire, and the server's store and counters say what it did.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_draft import TaskDraft

import tickspec
from tests.client.managers_support import resolve as R
from tickspec.errors import AuthError, ServerError, TransportError
from tickspec.server.testing import ServerHandle, running_server

MODES = pytest.mark.parametrize("mode", ["sync", "async"])
AnyClient = Any  # tickspec.Client | tickspec.AsyncClient, driven through R()
Scenario = Callable[[AnyClient, list[httpx.Request]], Awaitable[None]]


@pytest.fixture(scope="module")
def server() -> Iterator[ServerHandle]:
    with running_server() as handle:
        yield handle


@pytest.fixture
def srv(server: ServerHandle) -> ServerHandle:
    server.reset()
    return server


def run(mode: str, srv: ServerHandle, scenario: Scenario, **options: Any) -> None:
    """Run `scenario(client, wire)` with a sync or an async client over the server."""
    wire: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        wire.append(request)

    async def no_sleep(seconds: float) -> None:
        del seconds

    async def go() -> None:
        hooks: Any = {"request": [wire.append if mode == "sync" else record]}
        if mode == "sync":
            http: Any = httpx.Client(trust_env=False, event_hooks=hooks)
            client: Any = tickspec.Client(http_client=http, sleep=lambda s: None, **options)
        else:
            http = httpx.AsyncClient(trust_env=False, event_hooks=hooks)
            client = tickspec.AsyncClient(http_client=http, sleep=no_sleep, **options)
        try:
            await scenario(client, wire)
        finally:
            await R(http.close() if mode == "sync" else http.aclose())

    options.setdefault("token", srv.token)
    options.setdefault("base_url", srv.base_url)
    asyncio.run(go())


async def collect(items: Iterator[Any] | AsyncIterator[Any]) -> list[Any]:
    if isinstance(items, Iterator):
        return list(items)
    return [item async for item in items]


def requests(srv: ServerHandle, operation_id: str) -> int:
    return int(srv.stats()["requests"].get(operation_id, 0))


# -- with_options ----------------------------------------------------------------------------


@MODES
def test_with_options_is_a_configured_copy_sharing_pool_session_and_state(
    srv: ServerHandle, mode: str
) -> None:
    async def scenario(client: AnyClient, wire: list[httpx.Request]) -> None:
        await R(client.sync())
        strict = client.with_options(max_retries=0, headers={"X-Probe": "strict"})
        assert strict._http is client._http and strict.state is client.state
        assert (strict.options.max_retries, client.options.max_retries) == (0, 3)

        srv.inject_fault("getUserStatus", status=503)
        with pytest.raises(ServerError):
            await R(strict.user.get_status())
        assert requests(srv, "getUserStatus") == 1 and wire[-1].headers["X-Probe"] == "strict"

        srv.inject_fault("getUserStatus", status=503)
        await R(client.user.get_status())  # the original still retries
        assert requests(srv, "getUserStatus") == 3 and "X-Probe" not in wire[-1].headers

        await R(strict.close())  # does not close the shared pool
        task = await R(client.tasks.create("still connected"))
        assert task.id in client.state.tasks

    run(mode, srv, scenario)


@MODES
def test_the_constructor_reaches_every_option(srv: ServerHandle, mode: str) -> None:
    async def scenario(client: AnyClient, wire: list[httpx.Request]) -> None:
        await R(client.user.get_status())
        options = client.options
        assert (options.backoff_base, options.backoff_max, options.retry_after_max) == (1, 2, 3)
        assert (options.relogin, options.origin) == (False, "https://dida365.com")
        sent = wire[-1].headers
        assert (sent["Origin"], json.loads(sent["X-Device"])["version"]) == (
            "https://dida365.com",
            9999,
        )

    run(
        mode,
        srv,
        scenario,
        backoff_base=1,
        backoff_max=2,
        retry_after_max=3,
        relogin=False,
        origin="https://dida365.com",
        device={"version": 9999},
    )


# -- extra_headers / extra_query / extra_body / timeout --------------------------------------


@MODES
def test_extra_arguments_reach_the_wire_of_stubs_and_manager_methods(
    srv: ServerHandle, mode: str
) -> None:
    async def scenario(client: AnyClient, wire: list[httpx.Request]) -> None:
        await R(client.sync())
        for title in ("one", "two", "three"):
            task = await R(client.tasks.create(title))
            await R(client.tasks.delete(task.id, task.project_id))

        trash = await R(client.tasks.get_trash(extra_query={"limit": 1}))
        assert len(trash) == 1 and wire[-1].url.params["limit"] == "1"

        draft = TaskDraft.model_validate({"title": "drafted", "projectId": client.state.inbox_id})
        made = await R(
            client.api.tasks.create_task(draft, extra_body={"content": "from extra_body"})
        )
        assert made.content == "from extra_body"
        assert srv.state()["tasks"][made.id]["content"] == "from extra_body"

        await R(client.tasks.get(made.id, extra_headers={"X-Probe": "per-call"}))
        assert wire[-1].headers["X-Probe"] == "per-call"
        with pytest.raises(AuthError):  # a per-call header wins over the client's own
            await R(client.user.get_status(extra_headers={"Cookie": "t=not-a-session"}))

    run(mode, srv, scenario)


@MODES
def test_a_per_call_timeout_applies_to_that_call_only(srv: ServerHandle, mode: str) -> None:
    async def scenario(client: AnyClient, wire: list[httpx.Request]) -> None:
        srv.inject_fault("getUserStatus", delay=2.0)
        with pytest.raises(TransportError, match="ReadTimeout"):
            await R(client.user.get_status(timeout=0.2))
        assert wire[-1].extensions["timeout"]["read"] == 0.2
        srv.inject_fault("getUserStatus", delay=2.0)
        with pytest.raises(TransportError, match="ReadTimeout"):
            await R(client.with_options(timeout=0.2).api.user.get_user_status())
        await R(client.user.get_status())
        assert wire[-1].extensions["timeout"]["read"] == 30.0

    run(mode, srv, scenario, max_retries=0)


# -- with_raw_response -----------------------------------------------------------------------


@MODES
def test_with_raw_response_gives_status_headers_body_and_model(
    srv: ServerHandle, mode: str
) -> None:
    async def scenario(client: AnyClient, wire: list[httpx.Request]) -> None:
        task = await R(client.tasks.create("raw"))
        raw = await R(client.with_raw_response.tasks.get(task.id))
        assert raw.status_code == 200
        assert raw.headers["content-type"].startswith("application/json")
        assert json.loads(raw.content)["id"] == task.id
        assert isinstance(raw.parsed, Task) and raw.parsed.id == task.id

        done = await R(client.with_raw_response.tasks.complete(task.id))
        assert done.parsed.status == 2 and len(done.responses) >= 1
        assert json.loads(done.content)["id2etag"][task.id] == done.parsed.etag

        local = await R(client.with_raw_response.search.filter_tasks(title_contains="raw"))
        assert local.responses == () and [t.id for t in local.parsed] == [task.id]

    run(mode, srv, scenario)


# -- pagination ------------------------------------------------------------------------------


def _completed(title: str, when: str) -> dict[str, Any]:
    return {"title": title, "status": 2, "completedTime": when, "modifiedTime": when}


@MODES
def test_iter_completed_walks_every_page_newest_first(srv: ServerHandle, mode: str) -> None:
    """Seven tasks on seven days and four in one second: every one, once, in order."""

    async def scenario(client: AnyClient, wire: list[httpx.Request]) -> None:
        days = [_completed(f"day {d}", f"2026-01-0{d}T10:00:00.000+0000") for d in range(1, 8)]
        same = [_completed(f"same {n}", "2026-02-01T09:30:00.000+0000") for n in range(4)]
        made = await R(client.tasks.batch_create([*days, *same]))

        found = await collect(client.tasks.iter_completed(page_size=3))
        assert sorted(t.id for t in found) == sorted(t.id for t in made)
        stamps = [t.completed_time for t in found]
        assert stamps == sorted(stamps, reverse=True)

        window = client.tasks.iter_completed(from_="2026-01-03 00:00:00", to="2026-01-05 23:00:00")
        assert [t.title for t in await collect(window)] == ["day 5", "day 4", "day 3"]

        closed = await collect(client.tasks.iter_closed(status="Completed", page_size=2))
        assert sorted(t.id for t in closed) == sorted(t.id for t in made)

    run(mode, srv, scenario)


@MODES
def test_iter_trash_walks_start_and_limit(srv: ServerHandle, mode: str) -> None:
    async def scenario(client: AnyClient, wire: list[httpx.Request]) -> None:
        await R(client.sync())
        made = await R(client.tasks.batch_create([{"title": f"t{n}"} for n in range(5)]))
        await R(client.tasks.batch_delete(made))
        srv.reset_stats()

        trashed = await collect(client.tasks.iter_trash(page_size=2))
        assert sorted(t.id for t in trashed) == sorted(t.id for t in made)
        assert requests(srv, "getTrash") == 3  # 2 + 2 + 1, the short page ends the walk
        starts = [r.url.params["start"] for r in wire if r.url.path.endswith("/pagination")]
        assert starts == ["0", "2", "4"]

    run(mode, srv, scenario)
