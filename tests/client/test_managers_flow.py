"""The flow drivers: one generator of typed calls, run blocking, awaited or raw, same result.

A flow yields `ApiCall`s (`yield from call`) and gets each decoded answer (or
the call's exception, thrown in at the `yield`) back; these tests drive one
flow through fake senders every way, and check that the per-request options a
method takes reach every request of its flow.
"""

from __future__ import annotations

import asyncio
import json
from typing import Unpack

import pytest
from tickspec_generated.endpoints import ApiCall, ApiRequest, ApiResponse, RequestOptions

from tests.paths import ROOT
from tickspec.errors import NotFoundError
from tickspec.managers._flow import (
    AWAITING,
    BLOCKING,
    RAW_AWAITING,
    RAW_BLOCKING,
    Awaiting,
    Blocking,
    Flow,
    ManagerMode,
    Moded,
    ModeT,
    RawAwaiting,
    RawBlocking,
    RawResponse,
    arun,
    operation,
    run,
)


def lookup(key: str) -> ApiCall[str]:
    request = ApiRequest(operation_id="lookup", method="GET", path=f"/things/{key}")
    return ApiCall(request, lambda content: str(json.loads(content)))


class FakeSender:
    def __init__(self) -> None:
        self.sent: list[ApiRequest] = []

    def send(self, request: ApiRequest) -> ApiResponse:
        self.sent.append(request)
        key = request.path.rsplit("/", 1)[1]
        if key == "missing":
            raise NotFoundError(f"{key} not found")
        return ApiResponse(200, json.dumps(key.upper()).encode(), {"x-key": key})

    def decode_error(
        self, request: ApiRequest, response: ApiResponse, error: ValueError
    ) -> Exception:
        return AssertionError(str(error))


class AsyncFakeSender(FakeSender):
    async def send(self, request: ApiRequest) -> ApiResponse:  # type: ignore[override]
        return FakeSender.send(self, request)


class FakeClient:
    def __init__(self, sender: FakeSender) -> None:
        self._transport = sender


def flow(keys: list[str]) -> Flow[list[str]]:
    """Looks keys up; a missing one is caught where it was requested and skipped."""
    found = []
    for key in keys:
        try:
            found.append((yield from lookup(key)))
        except NotFoundError:
            found.append("-")
    return found


class Things(Moded[ModeT]):
    @operation
    def find(self, keys: list[str], **options: Unpack[RequestOptions]) -> Flow[list[str]]:
        """Look every key up."""
        return (yield from flow(keys))


def test_blocking_and_awaiting_drivers_agree() -> None:
    sender = FakeSender()
    got = run(FakeClient(sender), flow(["a", "missing", "b"]))
    assert got == ["A", "-", "B"]

    async_sender = AsyncFakeSender()
    assert asyncio.run(arun(FakeClient(async_sender), flow(["a", "missing", "b"]))) == got
    assert [r.path for r in async_sender.sent] == ["/things/a", "/things/missing", "/things/b"]


def test_an_unhandled_error_reaches_the_caller() -> None:
    def strict() -> Flow[str]:
        return str((yield from lookup("missing")))

    with pytest.raises(NotFoundError, match="missing not found"):
        run(FakeClient(FakeSender()), strict())


def _call(
    mode: ManagerMode, sender: FakeSender, **options: Unpack[RequestOptions]
) -> list[str] | RawResponse[list[str]]:
    """`find(["a", "b"])` in `mode`, awaited if it is a coroutine; one branch per mode, so
    each call is checked against the overload that mode's manager methods have."""
    client, keys = FakeClient(sender), ["a", "b"]
    if isinstance(mode, Blocking):
        return Things(client, mode).find(keys, **options)
    if isinstance(mode, Awaiting):
        return asyncio.run(Things(client, mode).find(keys, **options))
    if isinstance(mode, RawBlocking):
        return Things(client, mode).find(keys, **options)
    assert isinstance(mode, RawAwaiting), mode
    return asyncio.run(Things(client, mode).find(keys, **options))


@pytest.mark.parametrize("mode", [BLOCKING, AWAITING], ids=["sync", "async"])
def test_request_options_reach_every_request_of_a_flow(mode: ManagerMode) -> None:
    sender = AsyncFakeSender() if mode.awaiting else FakeSender()
    got = _call(mode, sender, extra_headers={"X-Test": "1"}, extra_query={"q": 2}, timeout=1.5)
    assert got == ["A", "B"]
    assert [r.headers for r in sender.sent] == [(("X-Test", "1"),)] * 2
    assert [r.params for r in sender.sent] == [(("q", "2"),)] * 2
    assert [r.timeout for r in sender.sent] == [1.5, 1.5]


@pytest.mark.parametrize("mode", [RAW_BLOCKING, RAW_AWAITING], ids=["sync", "async"])
def test_raw_mode_returns_the_value_and_every_response(mode: ManagerMode) -> None:
    sender = AsyncFakeSender() if mode.awaiting else FakeSender()
    raw = _call(mode, sender)
    assert isinstance(raw, RawResponse)
    assert raw.parsed == ["A", "B"]
    assert [r.headers["x-key"] for r in raw.responses] == ["a", "b"]
    assert (raw.status_code, raw.content, raw.headers["x-key"]) == (200, b'"B"', "b")


def test_a_method_keeps_its_flow_name_and_docstring() -> None:
    method = Things(FakeClient(FakeSender()), BLOCKING).find
    assert (method.__name__, method.__doc__) == ("find", "Look every key up.")


def test_no_manager_is_written_twice_and_no_request_is_named_by_string() -> None:
    """Issue 12: one definition per operation (no sync/async wrapper pairs), and every
    request a flow makes is a typed call of the generated code, not `Call("tasks", ...)`."""
    package = ROOT / "tickspec"
    for module in sorted((package / "managers").glob("*.py")):
        text = module.read_text(encoding="utf-8")
        if module.name != "_flow.py":
            assert "async def" not in text, module.name
    named = [p.name for p in package.rglob("*.py") if 'Call("' in p.read_text(encoding="utf-8")]
    assert named == []
