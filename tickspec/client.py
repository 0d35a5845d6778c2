# What managers (tickspec/managers/*) may use on the client they are given.
# Same names on Client and AsyncClient; (async) marks coroutines on AsyncClient.
#
#   requests              a flow never calls the client: it yields the generated typed
#                         call, `answer = yield from tasks_api.get_task(task_id)`
#                         (tickspec_generated.endpoints.<tag>.<operation>), and the driver
#                         sends it with sign-on, headers, retries and error mapping;
#                         a non-2xx answer is raised at that line as a TickTickError.
#   client.api            the same operations as methods, for users:
#                         client.api.tasks.batch_task(body), client.api.sync.sync_v3(cp), ...
#   client.state          tickspec.state.LocalState (tasks, projects, project_groups, tags
#                         by name, filters, columns, habits, habit_checkins, inbox_id,
#                         checkpoint); mutate it only through state.write_batch below or
#                         state.upsert/remove/replace(kind, ...); state.collection(kind)
#                         and state.key_of(kind, obj) address a collection generically.
#   client.options        tickspec._options.ClientOptions (timezone, locale, base_url, ...)
#   client.new_id()       -> str, a fresh 24-hex object id for objects you create
#   client.now()          -> str, "YYYY-MM-DDTHH:MM:SS.000+0000" in UTC (injectable clock)
#   client.user_id        int | None; settable (a profile fetch may record it)
#   client.sync(full=False)               (async) full sync first, then deltas; in a flow:
#                         `yield from sync_flow(client)` (tickspec.managers._base)
#   client.state.write_batch(kind, sent, response, *, deleted=(), operation_id=None)
#                         -> dict id -> new etag; stores successes in client.state with
#                         their new etags, removes successful deletes, then raises
#                         tickspec.errors.BatchError if response.id2error is not empty.
#                         kind: "tasks" | "projects" | "project_groups" | "tags" |
#                         "filters" | "columns" | "habits" | "habit_checkins".
#   client.token          str | None, the session (`t` cookie) once signed on
#   client.login() / client.verify_mfa(code)    (async) explicit sign-on, see tickspec.auth
"""`tickspec.Client` and `tickspec.AsyncClient`: TickTick's web API, typed.

    with tickspec.Client(username="me@example.com", password="...") as client:
        client.sync()
        for task in client.state.tasks.values():
            print(task.title)
        quick = client.with_options(timeout=5, max_retries=0)   # same pool and session
        raw = client.with_raw_response.tasks.get(task.id)        # status, headers, body, model

Both classes are one `_WebClient` over the request core (`_base_client.py`:
retries, error mapping) with the web app's session as its auth strategy
(`tickspec.auth.WebSession`); they differ only in their `Flavour` (`_lifecycle.py`):
the httpx client, the driver doing the I/O and the mode their managers run in.
The client itself adds what the managers use beyond requests: the local state,
the clock and the id factory.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, Unpack

import httpx
from tickspec_generated.endpoints import Api, AsyncApi

from tickspec._base_client import RequestCore
from tickspec._headers import SESSION_COOKIE, object_id
from tickspec._lifecycle import ASYNC, SYNC, AsyncClosing, ClientShell, Closing
from tickspec._logging import configure_from_env
from tickspec._options import ClientOptions, OptionChanges
from tickspec._transport import AsyncSleep, AsyncTransport, SyncSleep, SyncTransport
from tickspec.auth import LoginResult, Session, WebSession, cookie_value, user_id_from_inbox
from tickspec.errors import AuthError
from tickspec.managers._flow import (
    RAW_AWAITING,
    RAW_BLOCKING,
    Awaiting,
    Blocking,
    RawAwaiting,
    RawBlocking,
    arun,
    run,
)
from tickspec.managers._registry import Managers, RawResponses

if TYPE_CHECKING:
    from tickspec_generated.models.sync_response import SyncResponse

    from tickspec.state import LocalState
__all__ = ["AsyncClient", "Client"]

ENV_TOKEN = "TICKTICK_TOKEN"
ENV_USERNAME = "TICKTICK_USERNAME"
ENV_PASSWORD = "TICKTICK_PASSWORD"
ENV_BASE_URL = "TICKTICK_BASE_URL"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.000+0000"
Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def credentials_from_env() -> tuple[str | None, str | None, str | None]:
    """(token, username, password) from TICKTICK_TOKEN / _USERNAME / _PASSWORD.

    Read only when the caller passed none of the three: explicit arguments are
    never mixed with the environment. A username without a password (or the
    reverse) is refused, naming the variable that is missing.
    """
    token = os.environ.get(ENV_TOKEN) or None
    username = os.environ.get(ENV_USERNAME) or None
    password = os.environ.get(ENV_PASSWORD) or None
    if (username is None) != (password is None):
        missing = ENV_PASSWORD if password is None else ENV_USERNAME
        raise ValueError(f"{missing} is not set (it goes with the other TICKTICK_ variable)")
    return token, username, password


HttpT = TypeVar("HttpT", bound=httpx.Client | httpx.AsyncClient)
SleepT = TypeVar("SleepT", bound=SyncSleep | AsyncSleep)


class _WebClient(ClientShell, Generic[HttpT, SleepT]):
    """The construction `Client` and `AsyncClient` share: options, session, HTTP client,
    and what the managers use beyond requests (local state, clock, ids).

    Every option defaults to `ClientOptions`'s default (None: not given), so the
    defaults live in one place.
    """

    _core: RequestCore[WebSession]

    def __init__(
        self,
        *,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        backoff_base: float | None = None,
        backoff_max: float | None = None,
        retry_after_max: float | None = None,
        relogin: bool | None = None,
        device: Mapping[str, Any] | None = None,
        user_agent: str | None = None,
        timezone: str | None = None,
        locale: str | None = None,
        origin: str | None = None,
        headers: Mapping[str, str] | None = None,
        options: ClientOptions | None = None,
        http_client: HttpT | None = None,
        sleep: SleepT | None = None,
        random: Callable[[], float] | None = None,
        clock: Clock | None = None,
    ) -> None:
        given = {
            "base_url": base_url,
            "timeout": timeout,
            "max_retries": max_retries,
            "backoff_base": backoff_base,
            "backoff_max": backoff_max,
            "retry_after_max": retry_after_max,
            "relogin": relogin,
            "device": device,
            "user_agent": user_agent,
            "timezone": timezone,
            "locale": locale,
            "origin": origin,
            "headers": headers,
        }
        configure_from_env()
        if options is None and base_url is None:
            given["base_url"] = os.environ.get(ENV_BASE_URL) or None
        if token is None and username is None and password is None:
            token, username, password = credentials_from_env()
        if (username is None) != (password is None):
            raise ValueError("pass both username and password, or neither")
        changes: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        options = dataclasses.replace(options or ClientOptions(), **changes)
        self._state: LocalState | None = None
        self._clock: Clock = clock or _utcnow
        self._open_http(http_client, options, sleep)
        auth = WebSession(
            options,
            Session(username=username, password=password),
            self._http.cookies,
            device_id=str(options.device.get("id") or object_id()),
            websocket_id=object_id(),
        )
        auth.install_token(token)
        self._connect(RequestCore(options, auth, random))

    def with_options(self, **changes: Unpack[OptionChanges]) -> Self:
        """A copy with other options that shares this client's connection pool,
        session and local state (openai-python's `with_options`).

        `changes` are `ClientOptions` fields (`timeout=`, `max_retries=`,
        `retry_after_max=`, ...); `headers` are added to (and override) this
        client's. Closing the copy does not close the shared pool.
        """
        state = self.state  # shared even when not built yet
        clone = self._copy_with(dict(changes))
        clone.state = state
        return clone

    @property
    def token(self) -> str | None:
        """The session token (`t` cookie), e.g. to persist and pass as `token=` later."""
        return cookie_value(self._http.cookies, SESSION_COOKIE)

    @property
    def device_id(self) -> str:
        """The `id` of the X-Device header this client sends (stable per client)."""
        return self._core.auth.device_id

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

    def new_id(self) -> str:
        """A fresh 24-hex object id (time-prefixed like the web app's)."""
        return object_id(self._clock().timestamp())

    def now(self) -> str:
        """The current time as TickTick writes it: `2026-01-17T13:12:28.000+0000` (UTC)."""
        return self._clock().astimezone(UTC).strftime(TIMESTAMP_FORMAT)

    @property
    def user_id(self) -> int | None:
        """The signed-on user's numeric id: from signon, else derived from the inbox id."""
        session = self._core.auth.session
        if session.user_id is not None:
            return session.user_id
        return user_id_from_inbox(self.state.inbox_id or session.inbox_id)

    @user_id.setter
    def user_id(self, value: int | None) -> None:
        """Managers that fetch the profile may record the id here."""
        self._core.auth.session.user_id = value

    def _login_checked(self) -> None:
        if not self._core.auth.session.has_credentials:
            raise AuthError("login() needs username= and password=")


class Client(Closing, _WebClient[httpx.Client, SyncSleep], Managers[Blocking]):
    """Blocking TickTick client. Use as a context manager, or call `close()`.

    Auth: `token=` (a browser session's `t` cookie), or `username=`/`password=`
    (signon happens once, on the first request or on `login()`; then
    `verify_mfa(code)` if `login()` reports `mfa_required`). Given none of
    the three, they are read from `TICKTICK_TOKEN`, `TICKTICK_USERNAME` and
    `TICKTICK_PASSWORD`; `base_url` (and no `options=`) from `TICKTICK_BASE_URL`.

    Logging: the `tickspec` logger writes one debug line per HTTP attempt
    (method, path, status, attempt; never headers, query or body);
    `TICKSPEC_LOG=debug` turns it on without any logging setup.

    Datetimes: an aware `datetime` is an instant, sent in UTC. A naive one is
    read as UTC (not the machine's local time), with one exception: the
    `start_date=`/`due_date=` of `tasks.create` are wall times in the task's
    `time_zone` (default: the client's `timezone`, UTC). Pass aware datetimes
    (`tzinfo=ZoneInfo("Europe/Berlin")`) to be unambiguous. A `date` is a whole
    day (an all-day task; `YYYYMMDD` where TickTick wants a stamp).

    Options (defaults in `ClientOptions`): `base_url`, `timeout` (seconds per
    request), `max_retries`, `backoff_base`/`backoff_max` (retry backoff),
    `retry_after_max` (a longer `Retry-After` raises `RateLimitError` at once),
    `relogin` (sign on again when a session expires), `device` (X-Device
    fields, `{"version": 8010}`), `user_agent`, `timezone`, `locale`, `origin`,
    `headers` (any header), or a whole `options=ClientOptions(...)`.
    `http_client` lets you bring your own `httpx.Client` (proxies,
    certificates); it is not closed by `close()`, and `timeout` applies over it
    too. `sleep`, `random` and `clock` replace `time.sleep`, `random.random`
    and the UTC clock, for tests.

    Every manager method and `api` stub also takes `extra_headers`,
    `extra_query`, `extra_body` and `timeout` for that call alone.
    """

    _flavour = SYNC
    _http: httpx.Client
    _transport: SyncTransport
    api: Api

    @property
    def with_raw_response(self) -> RawResponses[RawBlocking]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return RawResponses(self, RAW_BLOCKING)

    def login(self) -> LoginResult:
        """Sign on with username/password now (normally done lazily by the first request)."""
        self._login_checked()
        result: LoginResult = self._transport.login(force=True)  # force: always signs on
        return result

    def verify_mfa(self, code: str) -> LoginResult:
        """Finish a sign-on that answered `mfa_required` with the one-time `code`."""
        core = self._core
        return self._transport.locked(core.auth.verify_mfa(core.exchange, code))

    def sync(self, *, full: bool = False) -> SyncResponse:
        """Full sync the first time (or with `full=True`), a delta from the checkpoint after;
        then habits and the check-ins read so far are re-read (the sync does not carry them)."""
        from tickspec.managers._checkins import sync_with_habits

        return run(self, sync_with_habits(self, full))


class AsyncClient(AsyncClosing, _WebClient[httpx.AsyncClient, AsyncSleep], Managers[Awaiting]):
    """The same client over `httpx.AsyncClient`: every I/O method is a coroutine.

    `sleep` must be a coroutine function (default: `anyio.sleep`, so asyncio
    and trio both work). Use `async with`, or `await client.close()`.
    """

    _flavour = ASYNC
    _http: httpx.AsyncClient
    _transport: AsyncTransport
    api: AsyncApi

    @property
    def with_raw_response(self) -> RawResponses[RawAwaiting]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return RawResponses(self, RAW_AWAITING)

    async def login(self) -> LoginResult:
        """Sign on with username/password now (normally done lazily by the first request)."""
        self._login_checked()
        result: LoginResult = await self._transport.login(force=True)  # force: always signs on
        return result

    async def verify_mfa(self, code: str) -> LoginResult:
        """Finish a sign-on that answered `mfa_required` with the one-time `code`."""
        core = self._core
        return await self._transport.locked(core.auth.verify_mfa(core.exchange, code))

    async def sync(self, *, full: bool = False) -> SyncResponse:
        """Full sync the first time (or with `full=True`), a delta from the checkpoint after;
        then habits and the check-ins read so far are re-read (the sync does not carry them)."""
        from tickspec.managers._checkins import sync_with_habits

        return await arun(self, sync_with_habits(self, full))
