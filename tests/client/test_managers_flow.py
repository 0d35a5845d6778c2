"""The flow drivers: one generator of requests, run blocking or awaited, same result.

A flow yields `Call`s and gets each result (or the call's exception, thrown in
at the `yield`) back; these tests drive a flow with a fake client both ways.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tickspec.errors import NotFoundError
from tickspec.managers._flow import Call, Flow, arun, run


class FakeApi:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def lookup(self, key: str) -> str:
        self.calls.append(key)
        if key == "missing":
            raise NotFoundError(f"{key} not found")
        return key.upper()


class AsyncFakeApi(FakeApi):
    async def lookup(self, key: str) -> str:  # type: ignore[override]
        return FakeApi.lookup(self, key)


class FakeClient:
    def __init__(self, api: Any) -> None:
        self.api = type("Api", (), {"things": api})()
        self.synced = 0

    def sync(self) -> str:
        self.synced += 1
        return "synced"


def flow(keys: list[str]) -> Flow[list[str]]:
    """Looks keys up; a missing one is caught where it was requested and skipped."""
    found = [(yield Call(None, "sync"))]
    for key in keys:
        try:
            found.append((yield Call("things", "lookup", (key,))))
        except NotFoundError:
            found.append("-")
    return found


def test_blocking_and_awaiting_drivers_agree() -> None:
    sync_client = FakeClient(FakeApi())
    got = run(sync_client, flow(["a", "missing", "b"]))
    assert got == ["synced", "A", "-", "B"] and sync_client.synced == 1

    async_api = AsyncFakeApi()

    class AsyncClient(FakeClient):
        async def sync(self) -> str:  # type: ignore[override]
            return FakeClient.sync(self)

    async_client = AsyncClient(async_api)
    assert asyncio.run(arun(async_client, flow(["a", "missing", "b"]))) == got
    assert async_api.calls == ["a", "missing", "b"]


def test_an_unhandled_error_reaches_the_caller() -> None:
    def strict() -> Flow[str]:
        return str((yield Call("things", "lookup", ("missing",))))

    with pytest.raises(NotFoundError, match="missing not found"):
        run(FakeClient(FakeApi()), strict())
