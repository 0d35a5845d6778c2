"""The Open API's OAuth2 steps and token file, without I/O of their own.

- `authorize_url` builds the page the user opens, with a fresh random `state`.
- `code_from` reads the code from the redirect and insists on that `state`:
  a redirect without it, or with another, is refused (`AuthError`), since
  accepting it would let another site's code into this client (CSRF).
- `token_request` is the documented exchange: an
  `application/x-www-form-urlencoded` body (code, grant_type, scope,
  redirect_uri) with the client id and secret as HTTP Basic.
- `revoke_request` is `POST /oauth/revoke` with the `token` form field.
- `TokenFile` keeps the token on disk: written to a temp file at 0600, fsynced,
  then renamed over the old one, so a crash leaves the old file or the new one,
  never half of one; an unreadable file raises `AuthError` saying what to do.
- `BearerAuth` is the request core's auth strategy for the Open API: every
  request carries `Authorization: Bearer <token>` and none of the web app's
  cookies or headers, and there is no sign-on to redo (a 401 is an `AuthError`:
  the token expired or was revoked, and only the user can approve a new one).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from pydantic import ValidationError
from tickspec_generated.endpoints._base import ApiRequest
from tickspec_generated.models.oauth_token import OAuthToken

from tickspec._options import ClientOptions
from tickspec.errors import AuthError, TickTickError, error_from_response, response_validation_error

if TYPE_CHECKING:
    from tickspec._base_client import Exchange, RequestFlow

SCOPES = ("tasks:read", "tasks:write")
USER_AGENT = "tickspec-open-api"
TOKEN_OPERATION = "oauthExchangeCode"
REVOKE_OPERATION = "oauthRevoke"


@dataclass(frozen=True, slots=True)
class OAuthApp:
    """An app registered at developer.ticktick.com/manage (or dida365's)."""

    client_id: str
    client_secret: str
    redirect_uri: str = "http://127.0.0.1:8080/"
    scopes: tuple[str, ...] = SCOPES


def basic(user: str, secret: str) -> str:
    """The HTTP Basic `Authorization` value for an app's id and secret."""
    return "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")


def new_state() -> str:
    """A fresh unguessable `state` for one authorize request."""
    return secrets.token_urlsafe(16)


def authorize_url(oauth_base_url: str, app: OAuthApp, state: str) -> str:
    """The authorize page with the doc's five parameters."""
    query = {
        "client_id": app.client_id,
        "scope": " ".join(app.scopes),
        "state": state,
        "redirect_uri": app.redirect_uri,
        "response_type": "code",
    }
    return f"{oauth_base_url.rstrip('/')}/oauth/authorize?{urlencode(query)}"


def code_from(code_or_redirect: str, state: str | None, issued: str | None) -> str:
    """The code of a redirect URL (or a bare code with its `state`), once the state is
    the one `authorize_url` issued; `AuthError` otherwise."""
    if issued is None:
        raise AuthError(
            "no OAuth2 state to check the redirect against: call authorize_url() first,"
            " then pass the redirect it leads to"
        )
    code = code_or_redirect
    if "://" in code_or_redirect or code_or_redirect.startswith("?"):
        query = parse_qs(urlsplit(code_or_redirect).query)
        if query.get("error"):
            raise AuthError(f"the authorization was refused: {query['error'][0]}")
        code = (query.get("code") or [""])[0]
        if state is None and query.get("state"):
            state = query["state"][0]
    if not code:
        raise AuthError("the redirect carries no authorization code")
    if state is None:
        raise AuthError("the redirect carries no OAuth2 state; it is not the answer to our request")
    if not secrets.compare_digest(state.encode(), issued.encode()):
        raise AuthError("OAuth2 state mismatch: the redirect is not the answer to our request")
    return code


def _headers(authorization: str | None = None) -> dict[str, str]:
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if authorization is not None:
        headers["Authorization"] = authorization
    return headers


def token_request(oauth_base_url: str, app: OAuthApp, code: str, timeout: object) -> httpx.Request:
    """The documented exchange: form body, client credentials as HTTP Basic."""
    form = {
        "code": code,
        "grant_type": "authorization_code",
        "scope": " ".join(app.scopes),
        "redirect_uri": app.redirect_uri,
    }
    return httpx.Request(
        "POST",
        f"{oauth_base_url.rstrip('/')}/oauth/token",
        data=form,
        headers=_headers(basic(app.client_id, app.client_secret)),
        extensions={"timeout": timeout},
    )


def revoke_request(base_url: str, token: str, timeout: object) -> httpx.Request:
    """`POST /oauth/revoke` on the API host with the `token` form field."""
    return httpx.Request(
        "POST",
        f"{base_url.rstrip('/')}/oauth/revoke",
        data={"token": token},
        headers=_headers(),
        extensions={"timeout": timeout},
    )


def _refusal(response: httpx.Response, operation_id: str) -> TickTickError:
    error = error_from_response(response.status_code, response.content, operation_id=operation_id)
    if response.status_code in (401, 403) and not isinstance(error, AuthError):
        # OAuth2's `invalid_client` reads as a bad request by its name; it is auth.
        return AuthError(
            str(error),
            status_code=response.status_code,
            error_code=error.error_code,
            error_message=error.error_message,
            body=response.content,
            operation_id=operation_id,
        )
    return error


def parse_token(response: httpx.Response) -> OAuthToken:
    """The token of a 2xx answer; the typed error of any other."""
    if not 200 <= response.status_code < 300:
        raise _refusal(response, TOKEN_OPERATION)
    try:
        return OAuthToken.model_validate_json(response.content, by_alias=True)
    except ValueError as exc:
        raise response_validation_error(
            TOKEN_OPERATION, response.status_code, response.content, exc
        ) from exc


def check_revoked(response: httpx.Response) -> None:
    """Nothing for 200; `AuthError` for 401/403 (not a live token, refused)."""
    if not 200 <= response.status_code < 300:
        raise _refusal(response, REVOKE_OPERATION)


@dataclass(frozen=True, slots=True)
class TokenFile:
    """The token on disk (JSON, owner-only)."""

    path: Path

    def _corrupted(self, why: str) -> AuthError:
        return AuthError(
            f"token file {self.path} cannot be used ({why}); delete it and run the OAuth2"
            " flow again (authorize_url(), then exchange_code())"
        )

    def load(self) -> OAuthToken | None:
        """The kept token, None if there is no file; `AuthError` if it is unreadable."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._corrupted(exc.strerror or type(exc).__name__) from exc
        try:
            return OAuthToken.model_validate_json(raw, by_alias=True)
        except ValidationError as exc:
            first = exc.errors()[0]["msg"] if exc.errors() else "not a token"
            raise self._corrupted(f"not a saved token: {first}") from None

    def save(self, token: OAuthToken) -> None:
        """Write atomically at 0600: temp file, fsync, rename over the old file."""
        text = json.dumps(token.model_dump(by_alias=True, exclude_unset=True, mode="json"))
        folder = self.path.parent
        temp = folder / f".{self.path.name}.{secrets.token_hex(6)}.tmp"
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)  # whatever the umask or a stale mode
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        with contextlib.suppress(OSError):  # the rename itself survives a crash
            directory = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)

    def remove(self) -> None:
        """Delete the file (after a revoke: the token in it is dead)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


class BearerAuth:
    """The Open API's auth strategy: `Authorization: Bearer <token>` on every request.

    `token` is None until the OAuth2 flow got one (requests then raise `AuthError`
    before any I/O). A `with_options` copy starts with the token held now.
    """

    generation = 0
    """No sign-on ever happens, so no session generation changes."""
    unauthenticated: frozenset[str] = frozenset()
    """Every request carries the token."""

    def __init__(self, options: ClientOptions, token: str | None = None) -> None:
        self.options = options
        self.token = token

    def reconfigured(self, options: ClientOptions) -> Self:
        """The token held now, with headers for `options`."""
        return type(self)(options, self.token)

    def needs_signon(self) -> bool:
        """Never: a bearer token is approved by the user, not signed on for."""
        return False

    def check_can_send(self) -> None:
        """`AuthError` when there is no token to send."""
        if not self.token:
            raise AuthError(
                "no access token: pass token= (a personal API token) or access_token=,"
                " or run the OAuth2 flow (authorize_url(), then exchange_code(redirect))"
            )

    def headers(
        self, request: ApiRequest, *, trace_id: str, extra: Mapping[str, str] | None
    ) -> dict[str, str]:
        """The bearer and JSON headers; no session cookie and no trace header."""
        headers: dict[str, str] = {
            "Accept": "application/json",
            "User-Agent": self.options.user_agent or USER_AGENT,
            "Authorization": f"Bearer {self.token}",
        }
        if request.content is not None:
            headers["Content-Type"] = "application/json"
        headers.update(extra or {})
        headers.update(self.options.headers)
        headers.update(request.headers)  # the call's own `extra_headers` win, as on the web
        return headers

    def session_expired(self, error: TickTickError, request: ApiRequest) -> bool:
        """Never: a refused token is the caller's to renew."""
        return False

    def signon(
        self, exchange: Exchange, *, force: bool, stale_generation: int | None
    ) -> RequestFlow[Any]:
        """Nothing to do (see `needs_signon`)."""
        return None
        yield  # a flow, all the same
