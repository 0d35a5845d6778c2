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
Requests go through the request core both APIs share (retries, backoff, typed
errors; tickspec/_base_client.py) with `BearerAuth` as its auth strategy, which
sends the bearer token instead of the web app's session. A 401 raises
`AuthError`: the token expired or was revoked.
"""

from __future__ import annotations

from typing import Any

import httpx
from tickspec_generated.endpoints import Api, AsyncApi
from tickspec_generated.models.oauth_token import OAuthToken
from tickspec_generated.models.open_task import OpenTask

from tickspec._lifecycle import ASYNC, SYNC, AsyncClosing, Closing
from tickspec._transport import AsyncSleep, AsyncTransport, SyncSleep, SyncTransport
from tickspec.managers._flow import (
    RAW_AWAITING,
    RAW_BLOCKING,
    Awaiting,
    Blocking,
    RawAwaiting,
    RawBlocking,
)
from tickspec.open_api._core import OpenClientBase, OpenOptionChanges
from tickspec.open_api.managers import OpenManagers, OpenRawResponses

__all__ = ["AsyncOpenClient", "OpenClient", "OpenOptionChanges"]


class OpenClient(Closing, OpenClientBase[httpx.Client, SyncSleep], OpenManagers[Blocking]):
    """Blocking Open API client. `token=` is a personal API token (Settings > Account >
    API Token); `access_token=` reuses an OAuth2 token; `app=` runs the OAuth2 flow.

    `token_file=` keeps the token on disk: read at start when present, written
    after `exchange_code`. Dida365: `base_url="https://api.dida365.com"`,
    `oauth_base_url="https://dida365.com"`.
    """

    _flavour = SYNC
    _http: httpx.Client
    _transport: SyncTransport
    api: Api

    @property
    def with_raw_response(self) -> OpenRawResponses[RawBlocking]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return OpenRawResponses(self, RAW_BLOCKING)

    def exchange_code(self, code_or_redirect: str, state: str | None = None) -> OAuthToken:
        """Trade the redirect URL (or a bare code and its `state`) for a token, and keep
        it; the state must be the one `authorize_url()` issued (else `AuthError`)."""
        request = self._token_request(code_or_redirect, state)
        return self._accept_token(self._http.send(request))

    def revoke(self) -> None:
        """Revoke the current token at TickTick (`POST /oauth/revoke`) and forget it."""
        self._revoked(self._http.send(self._revoke_request()))

    def create_task(self, title: str, project_id: str = "inbox", **fields: Any) -> OpenTask:
        """`tasks.create` (kept for older code): `create_task("Milk", "inbox", priority=3)`."""
        return self.tasks.create(title, project_id, **fields)

    def complete_task(self, project_id: str, task_id: str) -> None:
        """`tasks.complete` (kept for older code): `complete_task("inbox", "63b7...")`."""
        self.tasks.complete(project_id, task_id)


class AsyncOpenClient(
    AsyncClosing, OpenClientBase[httpx.AsyncClient, AsyncSleep], OpenManagers[Awaiting]
):
    """`OpenClient` over `httpx.AsyncClient`: the same API, awaited."""

    _flavour = ASYNC
    _http: httpx.AsyncClient
    _transport: AsyncTransport
    api: AsyncApi

    @property
    def with_raw_response(self) -> OpenRawResponses[RawAwaiting]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return OpenRawResponses(self, RAW_AWAITING)

    async def exchange_code(self, code_or_redirect: str, state: str | None = None) -> OAuthToken:
        """Trade the redirect URL (or a bare code and its `state`) for a token, and keep
        it; the state must be the one `authorize_url()` issued (else `AuthError`)."""
        request = self._token_request(code_or_redirect, state)
        return self._accept_token(await self._http.send(request))

    async def revoke(self) -> None:
        """Revoke the current token at TickTick (`POST /oauth/revoke`) and forget it."""
        self._revoked(await self._http.send(self._revoke_request()))

    async def create_task(self, title: str, project_id: str = "inbox", **fields: Any) -> OpenTask:
        """`tasks.create` (kept for older code): `await create_task("Milk", "inbox")`."""
        return await self.tasks.create(title, project_id, **fields)

    async def complete_task(self, project_id: str, task_id: str) -> None:
        """`tasks.complete` (kept for older code): `await complete_task("inbox", "63b7...")`."""
        await self.tasks.complete(project_id, task_id)
