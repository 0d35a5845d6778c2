"""Everything a client does that is not I/O, shared by `Client` and `AsyncClient`.

The split follows openai-python: this class turns an `ApiRequest` into an
`httpx.Request` (URL, headers, cookies, timeout), turns an `httpx.Response` into
an `ApiResponse`, a retry decision or a typed error, and keeps the session,
the local state and the id/clock helpers. `_transport.py` only runs the loop
(send, sleep, sign on), once with blocking calls and once with `await`, so the
two clients cannot drift apart in behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from tickspec_generated.endpoints._base import ApiRequest, ApiResponse

from tickspec import auth
from tickspec._headers import CSRF_COOKIE, SESSION_COOKIE, HeaderFactory, object_id
from tickspec._logging import log_exchange
from tickspec._options import ClientOptions
from tickspec._retry import RetryPolicy, exposure, retry_after_from_headers
from tickspec.errors import (
    Attempt,
    AuthError,
    BatchError,
    MfaRequiredError,
    RequestTimeoutError,
    TickTickError,
    TransportError,
    error_from_response,
    maybe_applied,
    parse_error_body,
)

if TYPE_CHECKING:
    from tickspec.state import LocalState

Clock = Callable[[], datetime]
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.000+0000"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Retry:
    """The transport should wait `delay` seconds (after re-signing on if `relogin`)."""

    delay: float
    error: TickTickError
    relogin: bool = False


@dataclass(frozen=True, slots=True)
class SettledResponse(ApiResponse):
    """A 2xx answer with the tries it took: an error the flow raises after it (a
    `BatchError`) gets them, so a first try that may have been applied is not lost."""

    attempts: tuple[Attempt, ...] = ()


class BaseClient:
    """Shared, I/O-free core. See `tickspec.client` for the public surface."""

    def __init__(
        self,
        *,
        token: str | None,
        username: str | None,
        password: str | None,
        options: ClientOptions,
        random: Callable[[], float] | None,
        clock: Clock | None,
    ) -> None:
        if (username is None) != (password is None):
            raise ValueError("pass both username and password, or neither")
        self._state: LocalState | None = None
        self._clock: Clock = clock or _utcnow
        self._random = random
        self._session = auth.Session(username=username, password=password)
        self._initial_token = token
        self.device_id = str(options.device.get("id") or object_id())
        self._websocket_id = object_id()
        self._configure(options)

    @property
    def state(self) -> LocalState:
        """The local copy of the account (tasks, projects, tags, ... by id), filled by syncs.

        Built on first use: its models load then, not when the client is made.
        """
        if self._state is None:
            from tickspec.state import LocalState

            self._state = LocalState()
        return self._state

    @state.setter
    def state(self, value: LocalState) -> None:
        self._state = value

    def _configure(self, options: ClientOptions) -> None:
        """Derive everything that depends on the options (again, for `with_options`)."""
        self.options = options
        self._retry = RetryPolicy(
            max_retries=options.max_retries,
            backoff_base=options.backoff_base,
            backoff_max=options.backoff_max,
            retry_after_max=options.retry_after_max,
            **({"random": self._random} if self._random is not None else {}),
        )
        self._host = urlsplit(options.base_url).hostname or ""
        self._headers = HeaderFactory(options, self.device_id, self._websocket_id)
        self._timeout = httpx.Timeout(options.timeout).as_dict()

    # -- helpers for managers -------------------------------------------------------------

    def new_id(self) -> str:
        """A fresh 24-hex object id (time-prefixed like the web app's)."""
        return object_id(self._clock().timestamp())

    def now(self) -> str:
        """The current time as TickTick writes it: `2026-01-17T13:12:28.000+0000` (UTC)."""
        return self._clock().astimezone(UTC).strftime(TIMESTAMP_FORMAT)

    @property
    def user_id(self) -> int | None:
        """The signed-on user's numeric id: from signon, else derived from the inbox id."""
        if self._session.user_id is not None:
            return self._session.user_id
        return auth.user_id_from_inbox(self.state.inbox_id or self._session.inbox_id)

    @user_id.setter
    def user_id(self, value: int | None) -> None:
        """Managers that fetch the profile may record the id here."""
        self._session.user_id = value

    def _apply_batch(
        self,
        kind: str,
        sent: Iterable[Any],
        response: Any,
        *,
        deleted: Iterable[str] = (),
        operation_id: str | None = None,
    ) -> dict[str, str | None]:
        """Write a batch answer through to the state; raise `BatchError` on any failure.

        Successes are stored first (with their new etags), so after a
        `BatchError` the state already reflects what the server applied.
        Returns id -> new etag for every success.
        """
        sent = list(sent)
        deleted = list(deleted)
        failed = self.state.apply_batch(kind, sent, deleted, response)
        keys = [self.state.key_of(kind, obj) for obj in sent] + deleted
        id2etag = _mapping(response, "id2etag")
        succeeded = {key: id2etag.get(key) for key in keys if key not in failed}
        if failed:
            raise BatchError.from_failures(kind, succeeded, failed, operation_id=operation_id)
        return succeeded

    def _sync_checkpoint(self, full: bool) -> int:
        """0 (full sync) on request or before the first sync; else the last checkpoint."""
        return 0 if full else self.state.checkpoint

    # -- cookies and session --------------------------------------------------------------

    def _install_token(self, cookies: httpx.Cookies) -> None:
        """Put a user-supplied session token where the web app keeps it: the `t` cookie."""
        if self._initial_token:
            self._set_session_cookie(cookies, self._initial_token)
            self._session.signed_on = True
        elif cookie_value(cookies, SESSION_COOKIE):
            self._session.signed_on = True  # a caller-supplied client already holds a session

    def _set_session_cookie(self, cookies: httpx.Cookies, token: str) -> None:
        """Exactly one `t` cookie: two (say, host and .ticktick.com) would both be sent."""
        stale = [c for c in cookies.jar if c.name == SESSION_COOKIE]
        for cookie in stale:
            cookies.jar.clear(cookie.domain, cookie.path, cookie.name)
        cookies.set(SESSION_COOKIE, token, domain=self._host, path="/")

    def _check_can_send(self) -> None:
        """Fail fast, before any I/O, when a request cannot possibly be authorised."""
        if self._session.signed_on:
            return
        if self._session.auth_id is not None:
            raise MfaRequiredError(
                "sign-on is waiting for a second factor: call client.verify_mfa(code)",
                auth_id=self._session.auth_id,
            )
        if not self._session.has_credentials:
            raise AuthError("not signed on: pass token=, or username= and password=")

    def _accept_login(self, response: ApiResponse, cookies: httpx.Cookies) -> auth.LoginResult:
        result = auth.parse_signon(response.content)
        if not result.mfa_required:
            if result.token:
                self._set_session_cookie(cookies, result.token)
            if not result.token and not cookie_value(cookies, SESSION_COOKIE):
                raise AuthError(
                    "signon succeeded but returned no session token",
                    status_code=response.status_code,
                    body=response.content,
                    operation_id=auth.SIGNON_OPERATION,
                )
        self._session.accept(result)
        return result

    def _mfa_request(self, code: str) -> tuple[ApiRequest, dict[str, str]]:
        auth_id = self._session.auth_id
        if auth_id is None:
            raise AuthError("no sign-on is waiting for a second factor: call client.login() first")
        return auth.mfa_verify_request(auth_id, code), auth.mfa_headers(auth_id)

    def _signon_request(self) -> ApiRequest:
        username, password = self._session.username, self._session.password
        if not username or password is None:
            raise AuthError("login() needs username= and password=")
        return auth.signon_request(username, password)

    # -- request / response ---------------------------------------------------------------

    def _build_request(
        self,
        request: ApiRequest,
        cookies: httpx.Cookies,
        *,
        trace_id: str,
        extra_headers: Mapping[str, str] | None = None,
    ) -> httpx.Request:
        session = session_cookies(cookies)
        headers = self._headers.build(
            trace_id=trace_id,
            csrf_token=session.get(CSRF_COOKIE),
            has_body=request.content is not None,
            extra=extra_headers,
            overrides=request.headers,
        )
        if session:  # a Cookie header the user set in `headers=` wins, like any other
            headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in session.items()))
        return self._http_request(request, headers)

    def _http_request(self, request: ApiRequest, headers: Mapping[str, str]) -> httpx.Request:
        """`request` as httpx sends it, for every core (web and Open API): its own
        server (`ApiRequest.url`) and its own `timeout`, else the client's."""
        own = request.timeout
        timeout = self._timeout if own is None else httpx.Timeout(own).as_dict()
        return httpx.Request(
            request.method,
            request.url(self.options.base_url),
            params=list(request.params) if request.params else None,
            headers=headers,
            content=request.content,
            extensions={"timeout": timeout},
        )

    def _outcome(
        self,
        request: ApiRequest,
        response: httpx.Response,
        *,
        attempt: int,
        trace_id: str,
        may_relogin: bool,
        attempts: list[Attempt] | None = None,
    ) -> ApiResponse | Retry:
        """A success, a retry decision, or (raised) the typed error to give up with.

        `attempts` (the tries so far) gets this one; the error raised keeps them all.
        """
        log_exchange(request, response.status_code, attempt)
        tries = attempts if attempts is not None else []
        if 200 <= response.status_code < 300:
            done = Attempt(status_code=response.status_code)
            return SettledResponse(
                response.status_code, response.content, response.headers, (*tries, done)
            )
        retry_after = retry_after_from_headers(response.headers)
        error = error_from_response(
            response.status_code,
            response.content,
            operation_id=request.operation_id,
            retry_after=retry_after,
            trace_id=trace_id,
        )
        ticktick_body = parse_error_body(response.content).is_ticktick
        tries.append(
            Attempt(
                status_code=response.status_code,
                error_code=error.error_code,
                maybe_applied=maybe_applied(
                    response.status_code, ticktick_error_body=ticktick_body
                ),
            )
        )
        if may_relogin and self._is_session_expired(error, request):
            self._session.expire()
            return Retry(0.0, error, relogin=True)
        delay = self._retry.delay_for_status(
            idempotent=request.idempotent,
            status_code=response.status_code,
            ticktick_error_body=ticktick_body,
            retry_after=retry_after,
            attempt=attempt,
        )
        if delay is None:
            error.settle(tries)
            raise error
        return Retry(delay, error)

    def _is_session_expired(self, error: TickTickError, request: ApiRequest) -> bool:
        """Whether to sign on again and re-send `request`, even a non-idempotent write.

        This rests on one assumption about TickTick: a request it answers 401 (or
        500 `user_not_sign_on`) was rejected before anything was applied, so
        sending it again after a fresh sign-on cannot write twice. `relogin=False`
        turns this off.
        """
        if not (self.options.relogin and self._session.has_credentials):
            return False
        if request.operation_id in auth.AUTH_OPERATIONS or not isinstance(error, AuthError):
            return False
        return error.status_code == 401 or error.error_code in auth.SESSION_EXPIRED_CODES

    def _delay_after(
        self,
        request: ApiRequest,
        exc: httpx.TransportError,
        *,
        attempt: int,
        trace_id: str,
        attempts: list[Attempt] | None = None,
    ) -> float:
        """Backoff before retrying a failed exchange, or raise `TransportError`
        (`RequestTimeoutError` for a timeout); `attempts` gets this try."""
        log_exchange(request, type(exc).__name__, attempt)
        tries = attempts if attempts is not None else []
        sent = exposure(exc) != "not_sent"
        tries.append(Attempt(exception=type(exc).__name__, maybe_applied=sent))
        delay = self._retry.delay_for_exception(
            idempotent=request.idempotent, exc=exc, attempt=attempt
        )
        if delay is None:
            after = f" after {attempt + 1} attempts" if attempt else ""
            cls = RequestTimeoutError if isinstance(exc, httpx.TimeoutException) else TransportError
            error = cls(
                f"{request.operation_id}: {type(exc).__name__}{after}: {exc}".rstrip(": "),
                operation_id=request.operation_id,
                trace_id=trace_id,
            )
            error.settle(tries)
            raise error from exc
        return delay


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


def _mapping(response: Any, name: str) -> Mapping[str, Any]:
    value = response.get(name) if isinstance(response, Mapping) else getattr(response, name, None)
    return value if isinstance(value, Mapping) else {}
