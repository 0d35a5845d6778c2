"""A 2xx body that no longer fits the spec raises a typed error, not pydantic's."""

from __future__ import annotations

import asyncio

import httpx
import pytest

import tickspec
from tests.client.client_support import INBOX, TOKEN, sync_body, task
from tickspec.errors import ResponseValidationError, TickTickError


def _answer(body: bytes | dict[str, object]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        del request
        if isinstance(body, bytes):
            return httpx.Response(200, content=body)
        return httpx.Response(200, json=body)

    return httpx.MockTransport(handler)


def test_changed_enum_names_the_operation_and_the_path() -> None:
    drifted = sync_body(7, syncTaskBean={"update": [task(1), task(2, status="done")]})
    http = httpx.Client(transport=_answer(drifted))
    client = tickspec.Client(token=TOKEN, http_client=http)

    with pytest.raises(ResponseValidationError) as info:
        client.sync()

    err = info.value
    assert isinstance(err, TickTickError)
    assert err.operation_id == "syncV3"
    assert err.status_code == 200
    assert err.problems[0][0] == "syncTaskBean.update[1].status"
    assert str(err).startswith("syncV3: 200 response does not match the spec at ")
    assert "\n" not in str(err)
    assert client.state.checkpoint == 0  # nothing applied


def test_non_json_success_body_is_the_same_error() -> None:
    http = httpx.Client(transport=_answer(b"<html>maintenance</html>"))
    client = tickspec.Client(token=TOKEN, http_client=http)
    with pytest.raises(ResponseValidationError) as info:
        client.api.user.get_user_status()
    assert info.value.operation_id == "getUserStatus"
    assert info.value.body == b"<html>maintenance</html>"


def test_async_client_raises_it_too() -> None:
    drifted = sync_body(3, inboxId=INBOX, checkPoint="not-a-number")

    async def run() -> None:
        http = httpx.AsyncClient(transport=_answer(drifted))
        async with tickspec.AsyncClient(token=TOKEN, http_client=http) as client:
            await client.sync()

    with pytest.raises(ResponseValidationError) as info:
        asyncio.run(run())
    assert info.value.problems[0][0] == "checkPoint"
