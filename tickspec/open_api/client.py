"""`OpenClient` and `AsyncOpenClient`: TickTick's official Open API v1, typed.

    app = OAuthApp(client_id="...", client_secret="...", redirect_uri="http://127.0.0.1:8080/")
    with OpenClient(app=app, token_file=Path("~/.ticktick-token.json").expanduser()) as client:
        if client.access_token is None:
            print("open", client.authorize_url())
            client.exchange_code(input("redirect URL: "))  # the URL the browser landed on
        for project in client.projects.iter_all():
            print(project.name)
        task = client.tasks.create("Buy milk", project_id=project.id)
        quick = client.with_options(timeout=5, max_retries=0)    # same pool and token
        raw = client.with_raw_response.tasks.get(project.id, task.id)  # status, headers, body

The managers (`tasks`, `projects`, `groups`, `columns`, `tags`, `focus`, `habits`,
`countdowns`, `comments`, `preference`; `tickspec.open_api.managers`) cover every
Open API endpoint, and `client.api.open` holds the generated stubs themselves.
The transport is the web client's (retries, backoff, typed errors), over
`OpenCore`, which sends the bearer token instead of the web app's session. A
401 raises `AuthError`: the token expired or was revoked.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self, TypedDict, Unpack

import httpx
from tickspec_generated.endpoints import Api, AsyncApi
from tickspec_generated.models.oauth_token import OAuthToken
from tickspec_generated.models.open_task import OpenTask

from tickspec._lifecycle import AsyncClosing, Closing
from tickspec._options import ClientOptions
from tickspec._transport import AsyncSleep, AsyncTransport, SyncSleep, SyncTransport
from tickspec.managers._flow import (
    AWAITING,
    BLOCKING,
    RAW_AWAITING,
    RAW_BLOCKING,
    Awaiting,
    Blocking,
    RawAwaiting,
    RawBlocking,
)
from tickspec.open_api._core import OAUTH_BASE_URL, OPEN_BASE_URL, OAuthApp, OpenCore
from tickspec.open_api.managers import OpenManagers, OpenRawResponses

__all__ = ["AsyncOpenClient", "OpenClient"]


def _options(
    base_url: str, timeout: float | httpx.Timeout, max_retries: int, user_agent: str | None
) -> ClientOptions:
    return ClientOptions(
        base_url=base_url, timeout=timeout, max_retries=max_retries, user_agent=user_agent
    )


class OpenOptionChanges(TypedDict, total=False):
    """The `ClientOptions` fields an Open API client uses, as `with_options` keywords."""

    base_url: str
    timeout: float | httpx.Timeout
    max_retries: int
    user_agent: str | None
    headers: Mapping[str, str]
    backoff_base: float
    backoff_max: float
    retry_after_max: float


class _Reconnecting(OpenCore):
    """`with_options` for both Open API clients: a copy over the same pool and token."""

    _owns_http: bool

    def _connect(self) -> None:
        """Make the transport over `self._http`, then `api` and the managers over it."""
        raise NotImplementedError

    def with_options(self, **changes: Unpack[OpenOptionChanges]) -> Self:
        """A copy with other options over this client's connection pool and the token
        it holds now: `client.with_options(timeout=5, max_retries=0, headers={"X-Probe": "1"})`.

        `headers` are added to (and override) this client's. Closing the copy does
        not close the shared pool.
        """
        given: dict[str, Any] = dict(changes)
        if "headers" in given:
            given["headers"] = {**self.options.headers, **given["headers"]}
        clone = copy.copy(self)
        clone._owns_http = False
        clone._configure(dataclasses.replace(self.options, **given))
        clone._connect()
        return clone


class OpenClient(Closing, _Reconnecting, OpenManagers[Blocking]):
    """Blocking Open API client. `token=` is a personal API token (Settings > Account >
    API Token); `access_token=` reuses an OAuth2 token; `app=` runs the OAuth2 flow.

    `token_file=` keeps the token on disk: read at start when present, written
    after `exchange_code`. Dida365: `base_url="https://api.dida365.com"`,
    `oauth_base_url="https://dida365.com"`.
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        access_token: str | None = None,
        app: OAuthApp | None = None,
        base_url: str = OPEN_BASE_URL,
        oauth_base_url: str = OAUTH_BASE_URL,
        token_file: Path | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        user_agent: str | None = None,
        http_client: httpx.Client | None = None,
        sleep: SyncSleep | None = None,
    ) -> None:
        super().__init__(
            token=token,
            access_token=access_token,
            app=app,
            oauth_base_url=oauth_base_url,
            token_file=token_file,
            options=_options(base_url, timeout, max_retries, user_agent),
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout)
        self._sleep = sleep
        self._connect()

    def _connect(self) -> None:
        self._transport = SyncTransport(self, self._http, self._sleep)
        self.api = Api(self._transport)
        self._attach_managers(self, BLOCKING)

    @property
    def with_raw_response(self) -> OpenRawResponses[RawBlocking]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return OpenRawResponses(self, RAW_BLOCKING)

    def exchange_code(self, code_or_redirect: str, state: str | None = None) -> OAuthToken:
        """Trade the redirect URL (or a bare code and its `state`) for a token, and keep
        it; the state must be the one `authorize_url()` issued (else `AuthError`)."""
        code = self._code_from(code_or_redirect, state)
        return self._accept_token(self._http.send(self._token_request(code)))

    def revoke(self) -> None:
        """Revoke the current token at TickTick (`POST /oauth/revoke`) and forget it."""
        self._revoked(self._http.send(self._revoke_request()))

    def create_task(self, title: str, project_id: str = "inbox", **fields: Any) -> OpenTask:
        """`tasks.create` (kept for older code): `create_task("Milk", "inbox", priority=3)`."""
        return self.tasks.create(title, project_id, **fields)

    def complete_task(self, project_id: str, task_id: str) -> None:
        """`tasks.complete` (kept for older code): `complete_task("inbox", "63b7...")`."""
        self.tasks.complete(project_id, task_id)


class AsyncOpenClient(AsyncClosing, _Reconnecting, OpenManagers[Awaiting]):
    """`OpenClient` over `httpx.AsyncClient`: the same API, awaited."""

    def __init__(
        self,
        *,
        token: str | None = None,
        access_token: str | None = None,
        app: OAuthApp | None = None,
        base_url: str = OPEN_BASE_URL,
        oauth_base_url: str = OAUTH_BASE_URL,
        token_file: Path | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        user_agent: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        sleep: AsyncSleep | None = None,
    ) -> None:
        super().__init__(
            token=token,
            access_token=access_token,
            app=app,
            oauth_base_url=oauth_base_url,
            token_file=token_file,
            options=_options(base_url, timeout, max_retries, user_agent),
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(timeout=timeout)
        self._sleep = sleep
        self._connect()

    def _connect(self) -> None:
        self._transport = AsyncTransport(self, self._http, self._sleep)
        self.api = AsyncApi(self._transport)
        self._attach_managers(self, AWAITING)

    @property
    def with_raw_response(self) -> OpenRawResponses[RawAwaiting]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return OpenRawResponses(self, RAW_AWAITING)

    async def exchange_code(self, code_or_redirect: str, state: str | None = None) -> OAuthToken:
        """Trade the redirect URL (or a bare code and its `state`) for a token, and keep
        it; the state must be the one `authorize_url()` issued (else `AuthError`)."""
        code = self._code_from(code_or_redirect, state)
        return self._accept_token(await self._http.send(self._token_request(code)))

    async def revoke(self) -> None:
        """Revoke the current token at TickTick (`POST /oauth/revoke`) and forget it."""
        self._revoked(await self._http.send(self._revoke_request()))

    async def create_task(self, title: str, project_id: str = "inbox", **fields: Any) -> OpenTask:
        """`tasks.create` (kept for older code): `await create_task("Milk", "inbox")`."""
        return await self.tasks.create(title, project_id, **fields)

    async def complete_task(self, project_id: str, task_id: str) -> None:
        """`tasks.complete` (kept for older code): `await complete_task("inbox", "63b7...")`."""
        await self.tasks.complete(project_id, task_id)
