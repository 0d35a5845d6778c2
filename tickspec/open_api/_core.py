"""The I/O-free core of the Open API clients: bearer requests and the OAuth2 steps.

`OpenCore` is a `BaseClient` (the web client's core), so retries, backoff,
`Retry-After` and the error hierarchy are the same code; only what differs is
overridden: requests carry `Authorization: Bearer <token>` instead of the web
app's cookies and headers, and there is no sign-on to redo (a 401 is an
`AuthError`: the token expired or was revoked, and only the user can approve
a new one).

The bearer is a personal API token (`token=`), an access token you already
have (`access_token=`), or the one the OAuth2 flow gets (auth.py builds its
requests: the authorize URL with a `state` the core remembers and insists on,
the documented form-body exchange, revoke). With `token_file=` the flow's token
is kept on disk (auth.TokenFile: owner-only, written atomically).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from tickspec_generated.endpoints._base import ApiRequest
from tickspec_generated.models.oauth_token import OAuthToken

from tickspec._base_client import BaseClient
from tickspec._options import ClientOptions
from tickspec.errors import AuthError
from tickspec.open_api import auth
from tickspec.open_api.auth import SCOPES, USER_AGENT, OAuthApp

OPEN_BASE_URL = "https://api.ticktick.com"
OAUTH_BASE_URL = "https://ticktick.com"
DIDA365 = {"base_url": "https://api.dida365.com", "oauth_base_url": "https://dida365.com"}

__all__ = ["DIDA365", "OAUTH_BASE_URL", "OPEN_BASE_URL", "SCOPES", "OAuthApp", "OpenCore"]


class OpenCore(BaseClient):
    """Request building and OAuth2 bookkeeping shared by OpenClient and AsyncOpenClient."""

    def __init__(
        self,
        *,
        access_token: str | None,
        app: OAuthApp | None,
        oauth_base_url: str,
        token_file: Path | None,
        options: ClientOptions,
        token: str | None = None,
    ) -> None:
        super().__init__(
            token=None, username=None, password=None, options=options, random=None, clock=None
        )
        if token is not None and access_token is not None and token != access_token:
            raise ValueError("pass the bearer once: token= (personal API token) or access_token=")
        self.app = app
        self.oauth_base_url = oauth_base_url.rstrip("/")
        self.token_file = token_file
        self.oauth_token: OAuthToken | None = None
        self._pending_state: str | None = None
        bearer = token if token is not None else access_token
        if bearer is None and token_file is not None:
            self.oauth_token = auth.TokenFile(token_file).load()
            bearer = self.oauth_token.access_token if self.oauth_token is not None else None
        self.access_token = bearer

    @property
    def access_token(self) -> str | None:
        """The bearer token requests carry (None: run the OAuth2 flow first)."""
        return self._access_token

    @access_token.setter
    def access_token(self, value: str | None) -> None:
        self._access_token = value
        self._session.signed_on = bool(value)

    # -- OAuth2 (auth.py builds the requests) ---------------------------------------------

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

    def _code_from(self, code_or_redirect: str, state: str | None) -> str:
        return auth.code_from(code_or_redirect, state, self._pending_state)

    def _token_request(self, code: str) -> httpx.Request:
        return auth.token_request(self.oauth_base_url, self._need_app(), code, self._timeout)

    def _accept_token(self, response: httpx.Response) -> OAuthToken:
        token = auth.parse_token(response)
        self.oauth_token = token
        self.access_token = token.access_token
        self._pending_state = None  # a state answers one request
        if self.token_file is not None:
            auth.TokenFile(self.token_file).save(token)
        return token

    def _revoke_request(self) -> httpx.Request:
        if not self._access_token:
            raise AuthError("no access token to revoke")
        return auth.revoke_request(self.options.base_url, self._access_token, self._timeout)

    def _revoked(self, response: httpx.Response) -> None:
        auth.check_revoked(response)
        self.access_token = None
        self.oauth_token = None
        if self.token_file is not None:
            auth.TokenFile(self.token_file).remove()

    # -- requests (overrides of the web client's core) ------------------------------------

    def _check_can_send(self) -> None:
        if not self._access_token:
            raise AuthError(
                "no access token: pass token= (a personal API token) or access_token=,"
                " or run the OAuth2 flow (authorize_url(), then exchange_code(redirect))"
            )

    def _build_request(
        self,
        request: ApiRequest,
        cookies: httpx.Cookies,
        *,
        trace_id: str,
        extra_headers: Mapping[str, str] | None = None,
    ) -> httpx.Request:
        del cookies, trace_id  # the Open API has no session cookie and no trace header
        headers: dict[str, Any] = {
            "Accept": "application/json",
            "User-Agent": self.options.user_agent or USER_AGENT,
            "Authorization": f"Bearer {self._access_token}",
        }
        if request.content is not None:
            headers["Content-Type"] = "application/json"
        headers.update(extra_headers or {})
        headers.update(self.options.headers)
        headers.update(request.headers)  # the call's own `extra_headers` win, as on the web
        return self._http_request(request, headers)
