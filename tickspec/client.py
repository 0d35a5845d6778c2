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
#                         checkpoint); mutate it only through _apply_batch below or
#                         state.upsert/remove/replace(kind, ...); state.collection(kind)
#                         and state.key_of(kind, obj) address a collection generically.
#   client.options        tickspec._options.ClientOptions (timezone, locale, base_url, ...)
#   client.new_id()       -> str, a fresh 24-hex object id for objects you create
#   client.now()          -> str, "YYYY-MM-DDTHH:MM:SS.000+0000" in UTC (injectable clock)
#   client.user_id        int | None; settable (a profile fetch may record it)
#   client.sync(full=False)               (async) full sync first, then deltas; in a flow:
#                         `yield from sync_flow(client)` (tickspec.managers._base)
#   client._apply_batch(kind, sent, response, *, deleted=(), operation_id=None)
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

Both classes share `BaseClient` (request building, headers, retry decisions,
error mapping, local state); they differ only in the transport doing the I/O
and in the mode their managers run in (`tickspec.managers._flow`).
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, Unpack

import httpx
from tickspec_generated.endpoints import Api, AsyncApi

from tickspec._base_client import BaseClient, Clock, cookie_value
from tickspec._headers import SESSION_COOKIE
from tickspec._lazy_http import LazyAsyncTransport, LazyTransport
from tickspec._lifecycle import AsyncClosing, Closing
from tickspec._logging import configure_from_env
from tickspec._options import ClientOptions, OptionChanges
from tickspec._transport import AsyncSleep, AsyncTransport, SyncSleep, SyncTransport
from tickspec.auth import LoginResult
from tickspec.errors import AuthError
from tickspec.managers._flow import (
    AWAITING,
    BLOCKING,
    RAW_AWAITING,
    RAW_BLOCKING,
    Awaiting,
    Blocking,
    ModeT,
    RawAwaiting,
    RawBlocking,
    arun,
    run,
)

if TYPE_CHECKING:
    from tickspec_generated.models.sync_response import SyncResponse

    from tickspec.managers.columns import ColumnsManager
    from tickspec.managers.comments import CommentsManager
    from tickspec.managers.countdowns import CountdownsManager
    from tickspec.managers.filters import FiltersManager
    from tickspec.managers.focus import FocusManager
    from tickspec.managers.habits import HabitsManager
    from tickspec.managers.projects import ProjectsManager
    from tickspec.managers.search import SearchManager
    from tickspec.managers.tags import TagsManager
    from tickspec.managers.tasks import TasksManager
    from tickspec.managers.user import UserManager

__all__ = ["AsyncClient", "Client"]

ENV_TOKEN = "TICKTICK_TOKEN"
ENV_USERNAME = "TICKTICK_USERNAME"
ENV_PASSWORD = "TICKTICK_PASSWORD"
ENV_BASE_URL = "TICKTICK_BASE_URL"


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


class Managers(Generic[ModeT]):
    """The managers of one client in one mode; `Client` is `Managers[Blocking]`.

    Each manager is built (and its module, generated endpoints and models
    imported) on first access, so a client costs only what it uses.
    """

    _manager_client: Any
    _manager_mode: ModeT
    _managers: dict[str, Any]

    def _attach_managers(self, client: Any, mode: ModeT) -> None:
        self._manager_client = client
        self._manager_mode = mode
        self._managers = {}

    def _manager(self, name: str, class_name: str) -> Any:
        manager = self._managers.get(name)
        if manager is None:
            module = importlib.import_module(f"tickspec.managers.{name}")
            manager = getattr(module, class_name)(self._manager_client, self._manager_mode)
            self._managers[name] = manager
        return manager

    @property
    def tasks(self) -> TasksManager[ModeT]:
        """Tasks and their checklists: get, create, update, complete, move, delete, list."""
        manager: TasksManager[ModeT] = self._manager("tasks", "TasksManager")
        return manager

    @property
    def projects(self) -> ProjectsManager[ModeT]:
        """Lists (projects) and their folders (project groups) (`tickspec.managers.projects`)."""
        manager: ProjectsManager[ModeT] = self._manager("projects", "ProjectsManager")
        return manager

    @property
    def tags(self) -> TagsManager[ModeT]:
        """Tags: create, rename, merge, nest, delete (`tickspec.managers.tags`)."""
        manager: TagsManager[ModeT] = self._manager("tags", "TagsManager")
        return manager

    @property
    def filters(self) -> FiltersManager[ModeT]:
        """Saved smart lists (filters) (`tickspec.managers.filters`)."""
        manager: FiltersManager[ModeT] = self._manager("filters", "FiltersManager")
        return manager

    @property
    def columns(self) -> ColumnsManager[ModeT]:
        """Kanban columns of a project (`tickspec.managers.columns`)."""
        manager: ColumnsManager[ModeT] = self._manager("columns", "ColumnsManager")
        return manager

    @property
    def habits(self) -> HabitsManager[ModeT]:
        """Habits, their check-ins and records (`tickspec.managers.habits`)."""
        manager: HabitsManager[ModeT] = self._manager("habits", "HabitsManager")
        return manager

    @property
    def search(self) -> SearchManager[ModeT]:
        """Full-text search over tasks (`tickspec.managers.search`)."""
        manager: SearchManager[ModeT] = self._manager("search", "SearchManager")
        return manager

    @property
    def user(self) -> UserManager[ModeT]:
        """The profile, settings and statistics of the signed-on user (`tickspec.managers.user`)."""
        manager: UserManager[ModeT] = self._manager("user", "UserManager")
        return manager

    @property
    def focus(self) -> FocusManager[ModeT]:
        """Focus (pomodoro and stopwatch) records and statistics (`tickspec.managers.focus`)."""
        manager: FocusManager[ModeT] = self._manager("focus", "FocusManager")
        return manager

    @property
    def countdowns(self) -> CountdownsManager[ModeT]:
        """Countdowns (days to or since a date) (`tickspec.managers.countdowns`)."""
        manager: CountdownsManager[ModeT] = self._manager("countdowns", "CountdownsManager")
        return manager

    @property
    def comments(self) -> CommentsManager[ModeT]:
        """Comments on tasks (`tickspec.managers.comments`)."""
        manager: CommentsManager[ModeT] = self._manager("comments", "CommentsManager")
        return manager


class RawResponses(Managers[ModeT]):
    """`client.with_raw_response`: the same managers, answering `RawResponse`s."""

    def __init__(self, client: Any, mode: ModeT) -> None:
        self._attach_managers(client, mode)


class _HttpClient(BaseClient, Generic[HttpT, SleepT]):
    """The construction `Client` and `AsyncClient` share: options, session, HTTP client.

    A subclass names its httpx client class (`_http_class`) and builds its
    transport, `api` and managers in `_connect`; nothing else differs.
    Every option defaults to `ClientOptions`'s default (None: not given), so the
    defaults live in one place.
    """

    _http_class: type[HttpT]
    _lazy_transport: Callable[[], Any]
    """httpx's default transport, built on the first request (`tickspec._lazy_http`)."""
    _transport: SyncTransport | AsyncTransport

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
        changes: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        options = dataclasses.replace(options or ClientOptions(), **changes)
        super().__init__(
            token=token,
            username=username,
            password=password,
            options=options,
            random=random,
            clock=clock,
        )
        self._owns_http = http_client is None
        self._http: HttpT = http_client or self._http_class(
            timeout=options.timeout, transport=self._lazy_transport()
        )
        self._sleep = sleep
        self._install_token(self._http.cookies)
        self._connect()

    def _connect(self, login_lock: Any = None) -> None:
        """Make the transport over `self._http`, then `api` and the managers over it."""
        raise NotImplementedError

    def with_options(self, **changes: Unpack[OptionChanges]) -> Self:
        """A copy with other options that shares this client's connection pool,
        session and local state (openai-python's `with_options`).

        `changes` are `ClientOptions` fields (`timeout=`, `max_retries=`,
        `retry_after_max=`, ...); `headers` are added to (and override) this
        client's. Closing the copy does not close the shared pool.
        """
        if "headers" in changes:
            changes["headers"] = {**self.options.headers, **changes["headers"]}
        clone = copy.copy(self)
        clone.state = self.state  # shared even when not built yet
        clone._owns_http = False
        clone._configure(dataclasses.replace(self.options, **changes))
        clone._connect(login_lock=self._transport.login_lock)
        return clone

    @property
    def token(self) -> str | None:
        """The session token (`t` cookie), e.g. to persist and pass as `token=` later."""
        return cookie_value(self._http.cookies, SESSION_COOKIE)


class Client(Closing, _HttpClient[httpx.Client, SyncSleep], Managers[Blocking]):
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

    _http_class = httpx.Client
    _lazy_transport = LazyTransport
    _transport: SyncTransport

    def _connect(self, login_lock: Any = None) -> None:
        self._transport = SyncTransport(self, self._http, self._sleep, login_lock)
        self.api = Api(self._transport)
        self._attach_managers(self, BLOCKING)

    @property
    def with_raw_response(self) -> RawResponses[RawBlocking]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return RawResponses(self, RAW_BLOCKING)

    def login(self) -> LoginResult:
        """Sign on with username/password now (normally done lazily by the first request)."""
        if not self._session.has_credentials:
            raise AuthError("login() needs username= and password=")
        result = self._transport.login(force=True)
        assert result is not None  # force=True always signs on
        return result

    def verify_mfa(self, code: str) -> LoginResult:
        """Finish a sign-on that answered `mfa_required` with the one-time `code`."""
        return self._transport.verify_mfa(code)

    def sync(self, *, full: bool = False) -> SyncResponse:
        """Full sync the first time (or with `full=True`), a delta from the checkpoint after;
        then habits and the check-ins read so far are re-read (the sync does not carry them)."""
        from tickspec.managers._habits import sync_with_habits

        return run(self, sync_with_habits(self, full))


class AsyncClient(AsyncClosing, _HttpClient[httpx.AsyncClient, AsyncSleep], Managers[Awaiting]):
    """The same client over `httpx.AsyncClient`: every I/O method is a coroutine.

    `sleep` must be a coroutine function (default: `anyio.sleep`, so asyncio
    and trio both work). Use `async with`, or `await client.close()`.
    """

    _http_class = httpx.AsyncClient
    _lazy_transport = LazyAsyncTransport
    _transport: AsyncTransport

    def _connect(self, login_lock: Any = None) -> None:
        self._transport = AsyncTransport(self, self._http, self._sleep, login_lock)
        self.api = AsyncApi(self._transport)
        self._attach_managers(self, AWAITING)

    @property
    def with_raw_response(self) -> RawResponses[RawAwaiting]:
        """The managers, answering `RawResponse(parsed, responses)`: status, headers, body."""
        return RawResponses(self, RAW_AWAITING)

    async def login(self) -> LoginResult:
        """Sign on with username/password now (normally done lazily by the first request)."""
        if not self._session.has_credentials:
            raise AuthError("login() needs username= and password=")
        result = await self._transport.login(force=True)
        assert result is not None  # force=True always signs on
        return result

    async def verify_mfa(self, code: str) -> LoginResult:
        """Finish a sign-on that answered `mfa_required` with the one-time `code`."""
        return await self._transport.verify_mfa(code)

    async def sync(self, *, full: bool = False) -> SyncResponse:
        """Full sync the first time (or with `full=True`), a delta from the checkpoint after;
        then habits and the check-ins read so far are re-read (the sync does not carry them)."""
        from tickspec.managers._habits import sync_with_habits

        return await arun(self, sync_with_habits(self, full))
