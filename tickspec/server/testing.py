"""Run the local server in a background thread, for integration and stateful tests.

    from tickspec.server.testing import running_server

    with running_server(seed_demo=True) as server:
        client = server.client()                  # httpx.Client, signed on, headers set
        client.post("/api/v2/batch/task", json={...})
        server.inject_fault("batchTask", status=429, retry_after=1)
        server.inject_fault("batchTask", drop_connection=True, when="after")
        assert server.stats()["applied"]["batchTask"] == 1   # no duplicate write
        tasks = server.state()["tasks"]                      # the server's truth

`running_server(**kwargs)` passes its keyword arguments to `create_app` (see
app.py: `username`, `password`, `token`, `mfa_code`, `seed_demo`, `faults`...),
with `validate_responses=True` unless told otherwise: every answer is checked
against the spec where it is made, a rejected one becomes a 500 and is kept
(`take_violations()`; tests/conftest.py fails the test that caused it).
uvicorn binds 127.0.0.1 port 0 (a free port chosen by the OS, so parallel test
runs never collide); the real port is read from the
listening socket once the server reports it started. On exit the server is
asked to stop, given a few seconds for in-flight requests, then forced.

For pytest, make a fixture in the test module:

    from tickspec.server.testing import server_fixture
    server = server_fixture(scope="module", seed_demo=True)

    def test_x(server): server.reset(); ...   # reset when the scope is shared

The handle's HTTP helpers use `trust_env=False`: no proxy from the environment
can ever route a test request off 127.0.0.1. They share one TLS context (never
used over plain HTTP, but httpx builds one per client, ~0.1 s each otherwise).
"""

from __future__ import annotations

import contextlib
import functools
import json
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx
import uvicorn

from tickspec._headers import WEB_DEVICE
from tickspec.server import limits
from tickspec.server.app import TickSpecApp, create_app
from tickspec.server.protocol import protocol_class

FixtureScope = Literal["session", "package", "module", "class", "function"]
HOST = "127.0.0.1"
STARTUP_TIMEOUT = 15.0
SHUTDOWN_TIMEOUT = 5.0

DEVICE = WEB_DEVICE
"""The X-Device header of the captured web app (seeds 002/003)."""

HEADERS = {
    "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 "
    "Firefox/146.0",
    "X-Device": json.dumps(DEVICE, separators=(",", ":")),
    "hl": "en_US",
    "x-tz": "Europe/Istanbul",
    "X-Csrftoken": "tickspec-local-csrf",
    "traceid": "696b93b42c6f3230e0a42390",
    "Origin": "https://ticktick.com",
    "Referer": "https://ticktick.com/",
}
"""Headers the web app sends on every request; enough for every operation of the spec."""


@functools.cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()


@dataclass
class ServerHandle:
    """A running server: where it is, its account, and its admin API."""

    base_url: str
    username: str
    password: str
    token: str
    app: TickSpecApp
    headers: dict[str, str] = field(default_factory=lambda: dict(HEADERS))
    api_token: str = ""
    """The personal API token: an Open API bearer with every scope (not a web session)."""

    def client(self, *, signed_on: bool = True, **kwargs: Any) -> httpx.Client:
        """An httpx client on this server with the web app's headers (and the `t` cookie)."""
        kwargs.setdefault("timeout", 10.0)
        kwargs.setdefault("verify", _tls())
        client = httpx.Client(
            base_url=self.base_url,
            headers={**self.headers, **kwargs.pop("headers", {})},
            trust_env=False,
            **kwargs,
        )
        if signed_on:
            client.cookies.set("t", self.token)
        return client

    def _admin(self, method: str, name: str, body: Any = None) -> Any:
        with httpx.Client(
            base_url=self.base_url, trust_env=False, timeout=10.0, verify=_tls()
        ) as admin:
            response = admin.request(
                method,
                f"/__tickspec__/{name}",
                content=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            )
        response.raise_for_status()
        return response.json()

    def inject_fault(
        self,
        operation_id: str | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        drop_connection: bool = False,
        when: str = "before",
        delay: float = 0.0,
        skip: int = 0,
        times: int | None = 1,
        error_code: str | None = None,
        body: Any = None,
        patch: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Add a fault (see tickspec/server/faults.py); returns all live faults.

        `patch` (RFC 6902 operations on the answer body) implies `when="after"`."""
        fault: dict[str, Any] = {
            "operationId": operation_id,
            "status": status,
            "retryAfter": retry_after,
            "dropConnection": drop_connection,
            "when": when,
            "delay": delay,
            "skip": skip,
            "times": times,
            "errorCode": error_code,
        }
        if body is not None:
            fault["body"] = body
        if patch is not None:
            fault["patch"] = patch
            fault["when"] = "after"
        result: dict[str, Any] = self._admin("POST", "faults", fault)
        return result

    def clear_faults(self) -> None:
        self._admin("DELETE", "faults")

    def state(self) -> dict[str, Any]:
        """The whole store: tasks, projects, tags... by key, plus checkpoint and trash."""
        result: dict[str, Any] = self._admin("GET", "state")
        return result

    def reset(self) -> None:
        """Store back to its start, faults and counters cleared (sessions stay valid)."""
        self._admin("POST", "reset")

    def stats(self) -> dict[str, Any]:
        """Requests per operationId: `requests`, `applied` (handler ran), `faulted`."""
        result: dict[str, Any] = self._admin("GET", "stats")
        return result

    def reset_stats(self) -> None:
        self._admin("DELETE", "stats")

    def take_violations(self) -> list[str]:
        """The server bugs seen since the last call (answers the spec rejects, crashes),
        cleared: a test that provokes one on purpose takes it so the harness passes."""
        found = list(self.app.tickspec.violations)
        self.app.tickspec.violations.clear()
        return found


_LIVE: list[ServerHandle] = []
"""The servers `running_server` has started and not yet stopped (this process)."""


def take_violations() -> list[str]:
    """Every live server's violations since the last call, cleared (see tests/conftest.py:
    an autouse fixture fails the test during which one appeared)."""
    return [v for handle in list(_LIVE) for v in handle.take_violations()]


def _wait_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("tickspec local server failed to start (see the log above)")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"tickspec local server not ready after {STARTUP_TIMEOUT} s")
        time.sleep(0.01)


def _bound_port(server: uvicorn.Server) -> int:
    for listener in server.servers:
        for sock in listener.sockets:
            port: int = sock.getsockname()[1]
            return port
    raise RuntimeError("tickspec local server has no listening socket")


@contextlib.contextmanager
def running_server(
    *,
    header_timeout: float = limits.HEADER_TIMEOUT,
    max_connections: int = limits.MAX_CONNECTIONS,
    **create_app_kwargs: Any,
) -> Iterator[ServerHandle]:
    """Start `create_app(**create_app_kwargs)` on 127.0.0.1:<free port>; stop it on exit.

    The connection limits are `tickspec serve`'s (protocol.py), settable for tests of them.
    """
    # Tests check every answer where it is made: a body the spec rejects is a 500 and a
    # recorded violation (take_violations), so the test that caused it fails.
    create_app_kwargs.setdefault("validate_responses", True)
    app = create_app(**create_app_kwargs)
    config = uvicorn.Config(
        app,
        host=HOST,
        port=0,
        log_level="warning",
        access_log=False,
        lifespan="off",
        loop="asyncio",
        http=protocol_class(header_timeout, max_connections),
        h11_max_incomplete_event_size=limits.MAX_HEADER_BYTES,
        timeout_graceful_shutdown=int(SHUTDOWN_TIMEOUT),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="tickspec-server", daemon=True)
    thread.start()
    try:
        _wait_started(server, thread)
        account = app.tickspec.config.account
        handle = ServerHandle(
            base_url=f"http://{HOST}:{_bound_port(server)}",
            username=account.username,
            password=account.password,
            token=account.token,
            app=app,
            api_token=app.tickspec.oauth.personal_token,
        )
        _LIVE.append(handle)
        yield handle
    finally:
        _LIVE[:] = [h for h in _LIVE if h.app is not app]
        server.should_exit = True
        thread.join(SHUTDOWN_TIMEOUT)
        if thread.is_alive():
            server.force_exit = True
            thread.join(SHUTDOWN_TIMEOUT)


def server_fixture(scope: FixtureScope = "module", **create_app_kwargs: Any) -> Any:
    """A pytest fixture yielding a `ServerHandle`; assign it to a name in a test module."""
    import pytest

    def _server() -> Iterator[ServerHandle]:
        with running_server(**create_app_kwargs) as handle:
            yield handle

    return pytest.fixture(scope=scope)(_server)
