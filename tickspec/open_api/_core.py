"""The I/O-free core of the Open API clients: bearer requests and the OAuth2 steps.

`OpenCore` is a `BaseClient` (the web client's core), so retries, backoff,
`Retry-After` and the error hierarchy are the same code; only what differs is
overridden: requests carry `Authorization: Bearer <token>` instead of the web
app's cookies and headers, and there is no sign-on to redo (a 401 is an
`AuthError`: the token expired or was revoked, and only the user can approve
a new one).

The OAuth2 steps are built here too: the authorize URL (with a `state` the
core remembers, so `exchange_code` can check the redirect's), and the token
request (client id and secret as HTTP Basic, the code in the query, the form
every client's server accepts). The token is kept in memory and, with
`token_file=`, on disk (owner-only permissions), so the next run reuses it.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from tickspec_generated.endpoints._base import ApiRequest
from tickspec_generated.models.oauth_token import OAuthToken

from tickspec._base_client import BaseClient
from tickspec._options import ClientOptions
from tickspec.errors import AuthError, error_from_response, response_validation_error

OPEN_BASE_URL = "https://api.ticktick.com"
OAUTH_BASE_URL = "https://ticktick.com"
DIDA365 = {"base_url": "https://api.dida365.com", "oauth_base_url": "https://dida365.com"}
SCOPES = ("tasks:read", "tasks:write")
USER_AGENT = "tickspec-open-api"
TOKEN_OPERATION = "oauthExchangeCode"


@dataclass(frozen=True, slots=True)
class OAuthApp:
    """An app registered at developer.ticktick.com/manage (or dida365's)."""

    client_id: str
    client_secret: str
    redirect_uri: str = "http://127.0.0.1:8080/"
    scopes: tuple[str, ...] = SCOPES


def _basic(user: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")


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
    ) -> None:
        super().__init__(
            token=None, username=None, password=None, options=options, random=None, clock=None
        )
        self.app = app
        self.oauth_base_url = oauth_base_url.rstrip("/")
        self.token_file = token_file
        self.oauth_token: OAuthToken | None = None
        self._pending_state: str | None = None
        if access_token is None and token_file is not None and token_file.is_file():
            self.oauth_token = OAuthToken.model_validate_json(token_file.read_bytes())
            access_token = self.oauth_token.access_token
        self.access_token = access_token

    @property
    def access_token(self) -> str | None:
        return self._access_token

    @access_token.setter
    def access_token(self, value: str | None) -> None:
        self._access_token = value
        self._session.signed_on = bool(value)

    # -- OAuth2 ---------------------------------------------------------------------------

    def _need_app(self) -> OAuthApp:
        if self.app is None:
            raise AuthError("the OAuth2 flow needs app=OAuthApp(client_id, client_secret, ...)")
        return self.app

    def authorize_url(self, state: str | None = None) -> str:
        """The page the user opens to approve the app; remembers `state` for the exchange."""
        app = self._need_app()
        self._pending_state = state if state is not None else secrets.token_urlsafe(16)
        query = {
            "client_id": app.client_id,
            "scope": " ".join(app.scopes),
            "state": self._pending_state,
            "redirect_uri": app.redirect_uri,
            "response_type": "code",
        }
        return f"{self.oauth_base_url}/oauth/authorize?{urlencode(query)}"

    def _code_from(self, code_or_redirect: str, state: str | None) -> str:
        """Accept the bare code or the whole redirect URL; check its state against ours."""
        if "://" in code_or_redirect:
            query = parse_qs(urlsplit(code_or_redirect).query)
            code = (query.get("code") or [""])[0]
            if state is None and query.get("state"):
                state = query["state"][0]
        else:
            code = code_or_redirect
        if not code:
            raise AuthError("the redirect carries no authorization code")
        if state is not None and self._pending_state is not None and state != self._pending_state:
            raise AuthError("OAuth2 state mismatch: the redirect is not the answer to our request")
        return code

    def _token_request(self, code: str) -> httpx.Request:
        app = self._need_app()
        query = {
            "code": code,
            "grant_type": "authorization_code",
            "scope": " ".join(app.scopes),
            "redirect_uri": app.redirect_uri,
        }
        return httpx.Request(
            "POST",
            f"{self.oauth_base_url}/oauth/token",
            params=query,
            headers={
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
                "Authorization": _basic(app.client_id, app.client_secret),
            },
            extensions={"timeout": self._timeout},
        )

    def _accept_token(self, response: httpx.Response) -> OAuthToken:
        if not 200 <= response.status_code < 300:
            error = error_from_response(
                response.status_code, response.content, operation_id=TOKEN_OPERATION
            )
            if response.status_code == 401 and not isinstance(error, AuthError):
                # OAuth2's `invalid_client` reads as a bad request by its name; it is auth.
                error = AuthError(
                    str(error),
                    status_code=401,
                    error_code=error.error_code,
                    body=response.content,
                    operation_id=TOKEN_OPERATION,
                )
            raise error
        try:
            token = OAuthToken.model_validate_json(response.content, by_alias=True)
        except ValueError as exc:
            raise response_validation_error(
                TOKEN_OPERATION, response.status_code, response.content, exc
            ) from exc
        self.oauth_token = token
        self.access_token = token.access_token
        self._pending_state = None
        if self.token_file is not None:
            self._save(token)
        return token

    def _save(self, token: OAuthToken) -> None:
        assert self.token_file is not None
        text = json.dumps(token.model_dump(by_alias=True, exclude_unset=True))
        descriptor = os.open(self.token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)

    # -- requests (overrides of the web client's core) ------------------------------------

    def _check_can_send(self) -> None:
        if not self._access_token:
            raise AuthError(
                "no access token: pass access_token=, or run the OAuth2 flow "
                "(authorize_url(), then exchange_code(code))"
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
