"""The request core both APIs share: one request's flow, written once for sync and async.

`RequestCore` turns an `ApiRequest` into an `httpx.Request` (the URL and timeout
here, the headers from its auth strategy), and runs one request as a generator,
the way httpx's auth flows work: `exchange` yields what is to be done (an
`httpx.Request` to send, a `Sleep`, a `SignOn`) and receives what came of it
(the `httpx.Response`; a transport failure is thrown in). Every decision lives
in that generator: retry or give up, backoff and `Retry-After`, sign on again
after an expired session, the `Attempt`s an error keeps. The drivers in
`_transport.py` only carry the steps out, once blocking and once awaited, so the
two cannot drift apart.

Who the requests are from is the auth strategy's business (`Auth`): the web
app's session (`tickspec.auth.WebSession`: cookie, X-Device and the other
browser headers, sign-on) or an Open API bearer token
(`tickspec.open_api.auth.BearerAuth`). The core asks it for each request's
headers and whether an error means the session expired; it keeps no session,
local state, clock or ids of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, Self, TypeVar

import httpx
from tickspec_generated.endpoints._base import ApiRequest, ApiResponse

from tickspec._headers import trace_id as new_trace_id
from tickspec._logging import log_exchange
from tickspec._options import ClientOptions
from tickspec._retry import RetryPolicy, exposure, retry_after_from_headers
from tickspec.errors import (
    Attempt,
    RequestTimeoutError,
    TickTickError,
    TransportError,
    error_from_response,
    maybe_applied,
    parse_error_body,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Sleep:
    """A step of a request flow: wait `seconds` before the next try."""

    seconds: float


@dataclass(frozen=True, slots=True)
class SignOn:
    """A step of a request flow: sign on (under the client's sign-on lock) and go on.

    `force` signs on even with a session; `stale_generation` skips it when another
    request signed on again since that generation (see `tickspec.auth.Session`).
    """

    force: bool = False
    stale_generation: int | None = None


Step = httpx.Request | Sleep | SignOn
RequestFlow = Generator[Step, Any, T]
"""A generator of steps returning `T`; a driver sends each step's result back in."""
Exchange = Callable[..., RequestFlow[ApiResponse]]
"""`RequestCore.exchange`, as an auth strategy's sign-on flow is handed it."""


class Auth(Protocol):
    """Who the requests are from: the web app's session or an Open API bearer."""

    unauthenticated: frozenset[str]
    """operationIds sent without a session (the sign-on requests themselves)."""

    @property
    def generation(self) -> int:
        """Bumped by every sign-on, so a stale 'session expired' re-signs on once."""
        ...

    def needs_signon(self) -> bool:
        """True when the next request must first sign on."""
        ...

    def check_can_send(self) -> None:
        """Raise the typed error, before any I/O, when no request can be authorised."""
        ...

    def headers(
        self, request: ApiRequest, *, trace_id: str, extra: Mapping[str, str] | None
    ) -> dict[str, str]:
        """Every header of one try of `request`, the caller's own overrides applied."""
        ...

    def session_expired(self, error: TickTickError, request: ApiRequest) -> bool:
        """Whether to sign on again and re-send `request`; the session is then forgotten."""
        ...

    def signon(
        self, exchange: Exchange, *, force: bool, stale_generation: int | None
    ) -> RequestFlow[Any]:
        """The sign-on flow (its requests sent with `exchange`); None when none was needed."""
        ...

    def reconfigured(self, options: ClientOptions) -> Self:
        """The same identity and session under other options (`with_options`)."""
        ...


@dataclass(frozen=True, slots=True)
class Retry:
    """The flow should wait `delay` seconds (after re-signing on if `relogin`)."""

    delay: float
    error: TickTickError
    relogin: bool = False


@dataclass(frozen=True, slots=True)
class SettledResponse(ApiResponse):
    """A 2xx answer with the tries it took: an error the flow raises after it (a
    `BatchError`) gets them, so a first try that may have been applied is not lost."""

    attempts: tuple[Attempt, ...] = ()


AuthT = TypeVar("AuthT", bound=Auth)


class RequestCore(Generic[AuthT]):
    """Options, retry policy and auth strategy of one client; I/O-free."""

    def __init__(
        self, options: ClientOptions, auth: AuthT, random: Callable[[], float] | None = None
    ) -> None:
        self.options = options
        self.auth = auth
        self._random = random
        self.retry = RetryPolicy(
            max_retries=options.max_retries,
            backoff_base=options.backoff_base,
            backoff_max=options.backoff_max,
            retry_after_max=options.retry_after_max,
            **({"random": random} if random is not None else {}),  # else its default
        )
        self.timeout = httpx.Timeout(options.timeout).as_dict()

    def reconfigured(self, options: ClientOptions) -> RequestCore[AuthT]:
        """A core with other options over the same identity (`with_options`)."""
        return RequestCore(options, self.auth.reconfigured(options), self._random)

    # -- the flows ------------------------------------------------------------------------

    def exchange(
        self,
        request: ApiRequest,
        *,
        authenticate: bool | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> RequestFlow[ApiResponse]:
        """Send `request` until it succeeds or the retry policy gives up (raising).

        `authenticate` (sign on first if need be; default: unless the auth strategy
        lists `request` as `unauthenticated`) is what a generated stub's request gets.
        """
        auth = self.auth
        if authenticate is None:
            authenticate = request.operation_id not in auth.unauthenticated
        if authenticate:
            if auth.needs_signon():
                yield SignOn()
            auth.check_can_send()
        trace_id = new_trace_id()
        attempt = 0
        relogged = False
        attempts: list[Attempt] = []
        while True:
            generation = auth.generation
            try:
                response = yield self.build(request, trace_id=trace_id, extra_headers=extra_headers)
            except httpx.TransportError as exc:
                delay = self._delay_after(request, exc, attempt, trace_id, attempts)
            else:
                may_relogin = authenticate and not relogged
                outcome = self._outcome(request, response, attempt, trace_id, may_relogin, attempts)
                if not isinstance(outcome, Retry):
                    return outcome
                if outcome.relogin:
                    relogged = True
                    yield SignOn(force=True, stale_generation=generation)
                    auth.check_can_send()  # the new sign-on may want a second factor
                    continue
                delay = outcome.delay
            yield Sleep(delay)
            attempt += 1

    # -- one try --------------------------------------------------------------------------

    def build(
        self,
        request: ApiRequest,
        *,
        trace_id: str,
        extra_headers: Mapping[str, str] | None = None,
    ) -> httpx.Request:
        """`request` as httpx sends it: its own server (`ApiRequest.url`) and its own
        `timeout`, else the client's, with the auth strategy's headers."""
        own = request.timeout
        timeout = self.timeout if own is None else httpx.Timeout(own).as_dict()
        return httpx.Request(
            request.method,
            request.url(self.options.base_url),
            params=list(request.params) if request.params else None,
            headers=self.auth.headers(request, trace_id=trace_id, extra=extra_headers),
            content=request.content,
            extensions={"timeout": timeout},
        )

    def _outcome(
        self,
        request: ApiRequest,
        response: httpx.Response,
        attempt: int,
        trace_id: str,
        may_relogin: bool,
        tries: list[Attempt],
    ) -> ApiResponse | Retry:
        """A success, a retry decision, or (raised) the typed error to give up with.

        `tries` (the tries so far) gets this one; the error raised keeps them all.
        """
        log_exchange(request, response.status_code, attempt)
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
        if may_relogin and self.auth.session_expired(error, request):
            return Retry(0.0, error, relogin=True)
        delay = self.retry.delay_for_status(
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

    def _delay_after(
        self,
        request: ApiRequest,
        exc: httpx.TransportError,
        attempt: int,
        trace_id: str,
        tries: list[Attempt],
    ) -> float:
        """Backoff before retrying a failed exchange, or raise `TransportError`
        (`RequestTimeoutError` for a timeout); `tries` gets this try."""
        log_exchange(request, type(exc).__name__, attempt)
        sent = exposure(exc) != "not_sent"
        tries.append(Attempt(exception=type(exc).__name__, maybe_applied=sent))
        delay = self.retry.delay_for_exception(
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
