"""What `OpenClient` and `AsyncOpenClient` share: one constructor and the OAuth2 steps.

An Open API client is a `ClientShell` (tickspec/_lifecycle.py) over the request
core both APIs use (retries, backoff, `Retry-After`, the error hierarchy), with
`BearerAuth` as its auth strategy: requests carry `Authorization: Bearer <token>`
instead of the web app's cookies and headers, and there is no sign-on to redo.

The bearer is a personal API token (`token=`), an access token you already
have (`access_token=`), or the one the OAuth2 flow gets (auth.py builds its
requests: the authorize URL with a `state` this client remembers and insists
on, the documented form-body exchange, revoke). With `token_file=` the flow's
token is kept on disk (auth.TokenFile: owner-only, written atomically).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Generic, Self, TypedDict, TypeVar, Unpack

import httpx
from tickspec_generated.models.oauth_token import OAuthToken

from tickspec._base_client import RequestCore
from tickspec._lifecycle import ClientShell
from tickspec._options import ClientOptions
from tickspec._transport import AsyncSleep, SyncSleep
from tickspec.errors import AuthError
from tickspec.open_api import auth
from tickspec.open_api.auth import SCOPES, BearerAuth, OAuthApp

OPEN_BASE_URL = "https://api.ticktick.com"
OAUTH_BASE_URL = "https://ticktick.com"
DIDA365 = {"base_url": "https://api.dida365.com", "oauth_base_url": "https://dida365.com"}

__all__ = ["DIDA365", "OAUTH_BASE_URL", "OPEN_BASE_URL", "SCOPES", "OAuthApp", "OpenClientBase"]

HttpT = TypeVar("HttpT", bound=httpx.Client | httpx.AsyncClient)
SleepT = TypeVar("SleepT", bound=SyncSleep | AsyncSleep)


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


class OpenClientBase(ClientShell, Generic[HttpT, SleepT]):
    """The construction, token and OAuth2 bookkeeping of both Open API clients."""

    _core: RequestCore[BearerAuth]

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
        http_client: HttpT | None = None,
        sleep: SleepT | None = None,
    ) -> None:
        if token is not None and access_token is not None and token != access_token:
            raise ValueError("pass the bearer once: token= (personal API token) or access_token=")
        options = ClientOptions(
            base_url=base_url, timeout=timeout, max_retries=max_retries, user_agent=user_agent
        )
        self.app = app
        self.oauth_base_url = oauth_base_url.rstrip("/")
        self.token_file = token_file
        self.oauth_token: OAuthToken | None = None
        self._pending_state: str | None = None
        bearer = token if token is not None else access_token
        if bearer is None and token_file is not None:
            self.oauth_token = auth.TokenFile(token_file).load()
            bearer = self.oauth_token.access_token if self.oauth_token is not None else None
        self._open_http(http_client, options, sleep)
        self._connect(RequestCore(options, BearerAuth(options, bearer)))

    def with_options(self, **changes: Unpack[OpenOptionChanges]) -> Self:
        """A copy with other options over this client's connection pool and the token
        it holds now: `client.with_options(timeout=5, max_retries=0, headers={"X-Probe": "1"})`.

        `headers` are added to (and override) this client's. Closing the copy does
        not close the shared pool.
        """
        return self._copy_with(dict(changes))

    @property
    def access_token(self) -> str | None:
        """The bearer token requests carry (None: run the OAuth2 flow first)."""
        return self._core.auth.token

    @access_token.setter
    def access_token(self, value: str | None) -> None:
        self._core.auth.token = value

    # -- OAuth2 (auth.py builds the requests; the subclasses send them) --------------------

    def _need_app(self) -> OAuthApp:
        if self.app is None:
            raise AuthError("the OAuth2 flow needs app=OAuthApp(client_id, client_secret, ...)")
        return self.app

    def authorize_url(self, state: str | None = None) -> str:
        """The page the user opens to approve the app; remembers `state` (default: a
        fresh random one) and accepts only a redirect that carries it back."""
        app = self._need_app()
        self._pending_state = state if state is not None else auth.new_state()
        return auth.authorize_url(self.oauth_base_url, app, self._pending_state)

    def _token_request(self, code_or_redirect: str, state: str | None) -> httpx.Request:
        code = auth.code_from(code_or_redirect, state, self._pending_state)
        return auth.token_request(self.oauth_base_url, self._need_app(), code, self._core.timeout)

    def _accept_token(self, response: httpx.Response) -> OAuthToken:
        token = auth.parse_token(response)
        self.oauth_token = token
        self.access_token = token.access_token
        self._pending_state = None  # a state answers one request
        if self.token_file is not None:
            auth.TokenFile(self.token_file).save(token)
        return token

    def _revoke_request(self) -> httpx.Request:
        if not self.access_token:
            raise AuthError("no access token to revoke")
        return auth.revoke_request(self.options.base_url, self.access_token, self._core.timeout)

    def _revoked(self, response: httpx.Response) -> None:
        auth.check_revoked(response)
        self.access_token = None
        self.oauth_token = None
        if self.token_file is not None:
            auth.TokenFile(self.token_file).remove()
