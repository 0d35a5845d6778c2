"""What only AsyncClient has: concurrent first requests on one event loop, awaiting managers.

Every other client-core behaviour is tested once for both clients through the `flavour`
fixture (tests/client/conftest.py) in test_core.py."""

from __future__ import annotations

import asyncio
import json

import httpx

from tests.client.client_support import (
    CSRF,
    TOKEN,
    USER_ID,
    FakeTickTick,
    make_async_client,
    sync_body,
)

SYNC0 = "/api/v3/batch/check/0"
SIGNON = "/api/v2/user/signon"


def test_headers_and_single_signon_under_concurrency() -> None:
    fake = FakeTickTick().on("GET", SYNC0, httpx.Response(200, json=sync_body(1)))

    async def scenario() -> None:
        async with make_async_client(fake) as client:
            await asyncio.gather(*(client.api.sync.sync_v3(0) for _ in range(5)))
            assert client.user_id == USER_ID and client.token == TOKEN

    asyncio.run(scenario())
    assert fake.count(SIGNON) == 1  # five concurrent first requests, one signon
    assert fake.count(SYNC0) == 5
    syncs = [r for r in fake.requests if r.url.path == SYNC0]
    assert len({r.headers["traceid"] for r in fake.requests}) == 6
    assert len({r.headers["x-device"] for r in fake.requests}) == 1
    assert all(r.headers["x-csrftoken"] == CSRF for r in syncs)
    assert json.loads(syncs[0].headers["x-device"])["version"] == 8006


def test_managers_are_async_flavoured() -> None:
    client = make_async_client(FakeTickTick())
    for name in ("tasks", "projects", "tags", "filters", "columns", "habits", "search", "user"):
        manager = getattr(client, name)
        assert manager._mode.awaiting and not manager._mode.raw
