"""`OpenClient` and `AsyncOpenClient`: TickTick's official Open API v1, typed.

    app = OAuthApp(client_id="...", client_secret="...", redirect_uri="http://127.0.0.1:8080/")
    with OpenClient(app=app, token_file=Path("~/.ticktick-token.json").expanduser()) as client:
        if client.access_token is None:
            print("open", client.authorize_url())
            client.exchange_code(input("redirect URL: "))  # the URL the browser landed on
        for project in client.api.open.open_list_projects():
            print(project.name)

`client.api` holds every generated endpoint (the Open API's are `client.api.open`);
the transport is the web client's (retries, backoff, typed errors), over
`OpenCore`, which sends the bearer token instead of the web app's session. A
401 raises `AuthError`: the token expired or was revoked.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from tickspec_generated.endpoints import Api, AsyncApi
from tickspec_generated.models.oauth_token import OAuthToken
from tickspec_generated.models.open_task import OpenTask
from tickspec_generated.models.open_task_create import OpenTaskCreate

from tickspec._lifecycle import AsyncClosing, Closing
from tickspec._options import ClientOptions
from tickspec._transport import AsyncSleep, AsyncTransport, SyncSleep, SyncTransport
from tickspec.open_api._core import OAUTH_BASE_URL, OPEN_BASE_URL, OAuthApp, OpenCore

__all__ = ["AsyncOpenClient", "OpenClient"]


def _options(
    base_url: str, timeout: float, max_retries: int, user_agent: str | None
) -> ClientOptions:
    return ClientOptions(
        base_url=base_url, timeout=timeout, max_retries=max_retries, user_agent=user_agent
    )


class OpenClient(Closing, OpenCore):
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
        timeout: float = 30.0,
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
        self._transport = SyncTransport(self, self._http, sleep)
        self.api = Api(self._transport)

    def exchange_code(self, code_or_redirect: str, state: str | None = None) -> OAuthToken:
        """Trade the redirect URL (or a bare code and its `state`) for a token, and keep
        it; the state must be the one `authorize_url()` issued (else `AuthError`)."""
        code = self._code_from(code_or_redirect, state)
        return self._accept_token(self._http.send(self._token_request(code)))

    def revoke(self) -> None:
        """Revoke the current token at TickTick (`POST /oauth/revoke`) and forget it."""
        self._revoked(self._http.send(self._revoke_request()))

    def create_task(self, title: str, project_id: str = "inbox", **fields: object) -> OpenTask:
        """A new task; `fields` are OpenTaskCreate's (wire or snake_case names)."""
        body = OpenTaskCreate.model_validate({"title": title, "projectId": project_id, **fields})
        return self.api.open.open_create_task(body)

    def complete_task(self, project_id: str, task_id: str) -> None:
        self.api.open.open_complete_task(project_id, task_id)


class AsyncOpenClient(AsyncClosing, OpenCore):
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
        timeout: float = 30.0,
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
        self._transport = AsyncTransport(self, self._http, sleep)
        self.api = AsyncApi(self._transport)

    async def exchange_code(self, code_or_redirect: str, state: str | None = None) -> OAuthToken:
        """Trade the redirect URL (or a bare code and its `state`) for a token, and keep
        it; the state must be the one `authorize_url()` issued (else `AuthError`)."""
        code = self._code_from(code_or_redirect, state)
        return self._accept_token(await self._http.send(self._token_request(code)))

    async def revoke(self) -> None:
        """Revoke the current token at TickTick (`POST /oauth/revoke`) and forget it."""
        self._revoked(await self._http.send(self._revoke_request()))

    async def create_task(
        self, title: str, project_id: str = "inbox", **fields: object
    ) -> OpenTask:
        body = OpenTaskCreate.model_validate({"title": title, "projectId": project_id, **fields})
        return await self.api.open.open_create_task(body)

    async def complete_task(self, project_id: str, task_id: str) -> None:
        await self.api.open.open_complete_task(project_id, task_id)
