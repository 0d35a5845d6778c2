"""Sign-on as the web app does it: password, optional second factor, session cookie.

TickTick's web API has no OAuth for third parties; a session is the `t` cookie
(plus `_csrf_token`, echoed as `X-Csrftoken`). Three ways in:

1. `token=`: the value of a logged-in browser's `t` cookie; no signon at all.
2. `username=`/`password=`: `POST /api/v2/user/signon?wc=true&remember=true`
   once, lazily before the first request (or explicitly via `client.login()`).
   The cookies it sets are kept by the HTTP client and reused by every later
   request: signing on per request would look like credential stuffing and
   trip `incorrect_password_too_many_times`.
3. MFA: signon answers `{"authId": ..., "expireTime": ...}` and no token; the
   code goes to `POST /api/v2/user/sign/mfa/code/verify` with the `authId` in
   the `x-verify-id` header, which answers like a successful signon.

`WebSession` is the web client's auth strategy for the request core
(tickspec/_base_client.py): it writes each request's headers (the web app's,
`_headers.py`, with the session cookie and `X-Csrftoken`), says when an answer
means the session expired, and holds the sign-on flow. Everything here is
I/O-free: the flows yield their requests and a driver (`_transport.py`) sends
them, under the lock that makes concurrent first requests sign on once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

import httpx
from tickspec_generated.endpoints._base import ApiRequest, ApiResponse

from tickspec._headers import CSRF_COOKIE, SESSION_COOKIE, HeaderFactory
from tickspec._options import ClientOptions
from tickspec.errors import AuthError, InvalidRequestError, MfaRequiredError, TickTickError

if TYPE_CHECKING:
    # the sign-on models load when a sign-on happens, not with the client
    import pydantic
    from tickspec_generated.models.signon_response import SignonResponse

    from tickspec._base_client import Exchange, RequestFlow

SIGNON_PATH = "/api/v2/user/signon"
MFA_VERIFY_PATH = "/api/v2/user/sign/mfa/code/verify"
SIGNON_OPERATION = "signon"
MFA_VERIFY_OPERATION = "verifyMfa"
AUTH_OPERATIONS = frozenset({SIGNON_OPERATION, MFA_VERIFY_OPERATION})
SESSION_EXPIRED_CODES = frozenset({"user_not_sign_on", "unauthorized", "token_expired"})


@dataclass(frozen=True, slots=True)
class LoginResult:
    """What `client.login()` / `client.verify_mfa()` learned.

    `mfa_required` means: call `client.verify_mfa(code)` next; nothing else
    works until then. `body` is the raw signon answer, for fields we do not model.
    """

    mfa_required: bool
    auth_id: str | None = None
    user_id: int | None = None
    inbox_id: str | None = None
    token: str | None = None
    response: SignonResponse | None = None
    """The answer as the generated model (None if it did not fit the schema)."""
    body: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Session:
    """Who we are and whether we are signed on; shared by sync and async clients."""

    username: str | None = None
    password: str | None = None
    signed_on: bool = False
    auth_id: str | None = None
    user_id: int | None = None
    inbox_id: str | None = None
    generation: int = 0
    """Bumped by every accepted sign-on, so a stale 'session expired' re-signs on once."""

    @property
    def has_credentials(self) -> bool:
        return bool(self.username) and self.password is not None

    def needs_signon(self) -> bool:
        """True when the next request must first sign on with username/password."""
        return not self.signed_on and self.auth_id is None and self.has_credentials

    def accept(self, result: LoginResult) -> None:
        if result.mfa_required:
            self.signed_on = False
            self.auth_id = result.auth_id
            return
        self.signed_on = True
        self.auth_id = None
        self.generation += 1
        if result.user_id is not None:
            self.user_id = result.user_id
        if result.inbox_id is not None:
            self.inbox_id = result.inbox_id

    def expire(self) -> None:
        """Forget the session (the server said `user_not_sign_on`)."""
        self.signed_on = False


def _json_request(operation_id: str, path: str, body: pydantic.BaseModel, **kw: Any) -> ApiRequest:
    return ApiRequest(
        operation_id=operation_id,
        method="POST",
        path=path,
        content=body.model_dump_json(by_alias=True, exclude_unset=True).encode(),
        # A repeated signon is harmless to data but counts as another password
        # attempt (`incorrect_password_too_many_times`): only connect errors retry.
        idempotent=False,
        **kw,
    )


def signon_request(username: str, password: str) -> ApiRequest:
    from tickspec_generated.models.signon_request import SignonRequest

    return _json_request(
        SIGNON_OPERATION,
        SIGNON_PATH,
        SignonRequest(username=username, password=password),
        params=(("wc", "true"), ("remember", "true")),
    )


def mfa_verify_request(auth_id: str, code: str, method: str = "app") -> ApiRequest:
    """The verify request; the caller adds the `x-verify-id: <auth_id>` header."""
    del auth_id  # carried in the header, not the body
    import pydantic
    from tickspec_generated.models.mfa_verify_request import MfaVerifyRequest

    try:
        body = MfaVerifyRequest(code=code.strip(), method=method)
    except pydantic.ValidationError as exc:
        raise InvalidRequestError(
            f"MFA code must be 4-8 digits, got {code!r}", operation_id=MFA_VERIFY_OPERATION
        ) from exc
    return _json_request(MFA_VERIFY_OPERATION, MFA_VERIFY_PATH, body)


def mfa_headers(auth_id: str) -> dict[str, str]:
    return {"x-verify-id": auth_id}


def _as_int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def user_id_from_inbox(inbox_id: str | None) -> int | None:
    """`inbox416323287` -> 416323287: the inbox id embeds the user id."""
    if inbox_id and inbox_id.startswith("inbox"):
        return _as_int(inbox_id[len("inbox") :])
    return None


def parse_signon(content: bytes) -> LoginResult:
    """Read a signon / MFA-verify answer: a token, or an authId asking for MFA."""
    try:
        body = json.loads(content) if content.strip() else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    import pydantic
    from tickspec_generated.models.signon_response import SignonResponse

    if isinstance(body.get("userId"), int):  # the schema says string; be liberal in what we read
        body["userId"] = str(body["userId"])
    try:
        model: SignonResponse | None = SignonResponse.model_validate(body)
    except pydantic.ValidationError:
        model = None
    token = body.get("token")
    inbox_id = body.get("inboxId")
    inbox = str(inbox_id) if inbox_id else None
    user_id = _as_int(body.get("userId")) or user_id_from_inbox(inbox)
    auth_id = body.get("authId")
    if not token and auth_id:
        return LoginResult(mfa_required=True, auth_id=str(auth_id), response=model, body=body)
    return LoginResult(
        mfa_required=False,
        user_id=user_id,
        inbox_id=inbox,
        token=str(token) if token else None,
        response=model,
        body=body,
    )


def session_cookies(cookies: httpx.Cookies) -> dict[str, str]:
    """The session's cookies by name, the last of each name winning.

    The Cookie header is written from this directly instead of passing the jar to
    httpx, whose cookiejar policy checks cost about half a millisecond a request:
    the jar only ever holds this client's own session with TickTick.
    """
    return {c.name: c.value for c in cookies.jar if c.value is not None}


def cookie_value(cookies: httpx.Cookies, name: str) -> str | None:
    """The last cookie called `name`, whatever its domain (httpx's .get() raises on dupes)."""
    return session_cookies(cookies).get(name)


class WebSession:
    """The web client's auth strategy: the `t` cookie session in `cookies` (the httpx
    client's jar), the web app's headers, and sign-on with username/password.

    `session` and `cookies` are shared by the `with_options` copies (`reconfigured`);
    the headers follow each copy's options.
    """

    unauthenticated = AUTH_OPERATIONS
    """A sign-on needs no session (`client.api` may send one itself)."""

    def __init__(
        self,
        options: ClientOptions,
        session: Session,
        cookies: httpx.Cookies,
        *,
        device_id: str,
        websocket_id: str,
    ) -> None:
        self.options = options
        self.session = session
        self.cookies = cookies
        self.device_id = device_id
        self._websocket_id = websocket_id
        self._headers = HeaderFactory(options, device_id, websocket_id)
        self._host = urlsplit(options.base_url).hostname or ""

    def reconfigured(self, options: ClientOptions) -> Self:
        """The same session and cookies, with headers for `options`."""
        return type(self)(
            options,
            self.session,
            self.cookies,
            device_id=self.device_id,
            websocket_id=self._websocket_id,
        )

    @property
    def generation(self) -> int:
        """See `Session.generation`."""
        return self.session.generation

    def install_token(self, token: str | None) -> None:
        """Put a user-supplied session token where the web app keeps it: the `t` cookie."""
        if token:
            self._set_session_cookie(token)
            self.session.signed_on = True
        elif cookie_value(self.cookies, SESSION_COOKIE):
            self.session.signed_on = True  # a caller-supplied client already holds a session

    def _set_session_cookie(self, token: str) -> None:
        """Exactly one `t` cookie: two (say, host and .ticktick.com) would both be sent."""
        stale = [c for c in self.cookies.jar if c.name == SESSION_COOKIE]
        for cookie in stale:
            self.cookies.jar.clear(cookie.domain, cookie.path, cookie.name)
        self.cookies.set(SESSION_COOKIE, token, domain=self._host, path="/")

    def needs_signon(self) -> bool:
        """See `Session.needs_signon` (inlined: every request asks)."""
        session = self.session
        return not session.signed_on and session.auth_id is None and session.has_credentials

    def check_can_send(self) -> None:
        """Fail fast, before any I/O, when a request cannot possibly be authorised."""
        session = self.session
        if session.signed_on:
            return
        if session.auth_id is not None:
            raise MfaRequiredError(
                "sign-on is waiting for a second factor: call client.verify_mfa(code)",
                auth_id=session.auth_id,
            )
        if not session.has_credentials:
            raise AuthError("not signed on: pass token=, or username= and password=")

    def headers(
        self, request: ApiRequest, *, trace_id: str, extra: Mapping[str, str] | None
    ) -> dict[str, str]:
        """The web app's headers, the session's cookies and its CSRF token."""
        cookies = session_cookies(self.cookies)
        headers = self._headers.build(
            trace_id=trace_id,
            csrf_token=cookies.get(CSRF_COOKIE),
            has_body=request.content is not None,
            extra=extra,
            overrides=request.headers,
        )
        if cookies:  # a Cookie header the user set in `headers=` wins, like any other
            headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
        return headers

    def session_expired(self, error: TickTickError, request: ApiRequest) -> bool:
        """Whether to sign on again and re-send `request`, even a non-idempotent write.

        This rests on one assumption about TickTick: a request it answers 401 (or
        500 `user_not_sign_on`) was rejected before anything was applied, so
        sending it again after a fresh sign-on cannot write twice. `relogin=False`
        turns this off. When it answers True the session is forgotten.
        """
        if not (self.options.relogin and self.session.has_credentials):
            return False
        if request.operation_id in AUTH_OPERATIONS or not isinstance(error, AuthError):
            return False
        expired = error.status_code == 401 or error.error_code in SESSION_EXPIRED_CODES
        if expired:
            self.session.expire()
        return expired

    def signon(
        self, exchange: Exchange, *, force: bool, stale_generation: int | None
    ) -> RequestFlow[LoginResult | None]:
        """Sign on with username/password (the caller holds the sign-on lock).

        None when nothing was needed: a session exists (and not `force`), or
        another request signed on again since `stale_generation`.
        """
        session = self.session
        if stale_generation is not None and session.generation != stale_generation:
            return None
        if not force and not session.needs_signon():
            return None
        username, password = session.username, session.password
        if not username or password is None:
            raise AuthError("login() needs username= and password=")
        response = yield from exchange(signon_request(username, password), authenticate=False)
        return self._accept(response)

    def verify_mfa(self, exchange: Exchange, code: str) -> RequestFlow[LoginResult]:
        """Finish a sign-on that asked for a second factor with the one-time `code`."""
        auth_id = self.session.auth_id
        if auth_id is None:
            raise AuthError("no sign-on is waiting for a second factor: call client.login() first")
        request, headers = mfa_verify_request(auth_id, code), mfa_headers(auth_id)
        response = yield from exchange(request, authenticate=False, extra_headers=headers)
        return self._accept(response)

    def _accept(self, response: ApiResponse) -> LoginResult:
        result = parse_signon(response.content)
        if not result.mfa_required:
            if result.token:
                self._set_session_cookie(result.token)
            if not result.token and not cookie_value(self.cookies, SESSION_COOKIE):
                raise AuthError(
                    "signon succeeded but returned no session token",
                    status_code=response.status_code,
                    body=response.content,
                    operation_id=SIGNON_OPERATION,
                )
        self.session.accept(result)
        return result
