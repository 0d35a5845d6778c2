"""The `flavour` fixture: a client test written once runs against Client and AsyncClient."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from tests.client.client_support import Flavour


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Iterator[Flavour]:
    loop = asyncio.new_event_loop() if request.param == "async" else None
    yield Flavour(request.param, loop)
    if loop is not None:
        loop.close()
