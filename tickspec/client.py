# What managers (tickspec/managers/*) may use on the client they are given.
# Same names on Client and AsyncClient; (async) marks coroutines on AsyncClient.
#
#   client.api            generated Api / AsyncApi over the client's transport:
#                         client.api.tasks.batch_task(body), client.api.sync.sync_v3(cp), ...
#                         Sign-on, headers, retries and error mapping are done for you;
#                         a non-2xx answer raises a tickspec.errors.TickTickError subclass.
#   client.state          tickspec.state.LocalState (tasks, projects, project_groups, tags
#                         by name, filters, columns, habits, habit_checkins, inbox_id,
#                         checkpoint); mutate it only through _apply_batch below or
#                         state.upsert/remove/replace(kind, ...); state.collection(kind)
#                         and state.key_of(kind, obj) address a collection generically.
#   client.options        tickspec._options.ClientOptions (timezone, locale, base_url, ...)
#   client.new_id()       -> str, a fresh 24-hex object id for objects you create
#   client.now()          -> str, "YYYY-MM-DDTHH:MM:SS.000+0000" in UTC (injectable clock)
#   client.user_id        int | None; settable (a profile fetch may record it)
#   client.sync(full=False)               (async) full sync first, then deltas
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

Both classes share `BaseClient` (request building, headers, retry decisions,
error mapping, local state); they differ only in the transport doing the I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx
from tickspec_generated.endpoints import Api, AsyncApi
from tickspec_generated.models.sync_response import SyncResponse

from tickspec._base_client import BaseClient, Clock, cookie_value
from tickspec._headers import SESSION_COOKIE
from tickspec._options import DEFAULT_BASE_URL, ClientOptions
from tickspec._transport import AsyncSleep, AsyncTransport, SyncSleep, SyncTransport
from tickspec.auth import LoginResult
from tickspec.errors import AuthError
from tickspec.managers.columns import AsyncColumnsManager, ColumnsManager
from tickspec.managers.filters import AsyncFiltersManager, FiltersManager
from tickspec.managers.habits import AsyncHabitsManager, HabitsManager
from tickspec.managers.projects import AsyncProjectsManager, ProjectsManager
from tickspec.managers.search import AsyncSearchManager, SearchManager
from tickspec.managers.tags import AsyncTagsManager, TagsManager
from tickspec.managers.tasks import AsyncTasksManager, TasksManager
from tickspec.managers.user import AsyncUserManager, UserManager

__all__ = ["AsyncClient", "Client"]

HttpT = TypeVar("HttpT", bound=httpx.Client | httpx.AsyncClient)
SleepT = TypeVar("SleepT", bound=SyncSleep | AsyncSleep)


class _HttpClient(BaseClient, Generic[HttpT, SleepT]):
    """The construction `Client` and `AsyncClient` share: options, session, HTTP client.

    A subclass names its httpx client class (`_http_class`) and builds its
    transport, `api` and managers in `_connect`; nothing else differs.
    """

    _http_class: type[HttpT]

    def __init__(
        self,
        *,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 30.0,
        max_retries: int = 3,
        device: Mapping[str, Any] | None = None,
        user_agent: str | None = None,
        timezone: str = "UTC",
        locale: str = "en_US",
        headers: Mapping[str, str] | None = None,
        http_client: HttpT | None = None,
        sleep: SleepT | None = None,
        random: Callable[[], float] | None = None,
        clock: Clock | None = None,
    ) -> None:
        options = ClientOptions(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            device=device or {},
            user_agent=user_agent,
            timezone=timezone,
            locale=locale,
            headers=headers or {},
        )
        super().__init__(
            token=token,
            username=username,
            password=password,
            options=options,
            random=random,
            clock=clock,
        )
        self._owns_http = http_client is None
        self._http: HttpT = http_client or self._http_class(timeout=timeout)
        self._install_token(self._http.cookies)
        self._connect(sleep)

    def _connect(self, sleep: SleepT | None) -> None:
        """Make the transport over `self._http`, then `api` and the managers over it."""
        raise NotImplementedError

    @property
    def token(self) -> str | None:
        """The session token (`t` cookie), e.g. to persist and pass as `token=` later."""
        return cookie_value(self._http.cookies, SESSION_COOKIE)


class Client(_HttpClient[httpx.Client, SyncSleep]):
    """Blocking TickTick client. Use as a context manager, or call `close()`.

    Auth: `token=` (a browser session's `t` cookie), or `username=`/`password=`
    (signon happens once, on the first request or on `login()`; then
    `verify_mfa(code)` if `login()` reports `mfa_required`).

    `device` overrides X-Device fields (`{"version": 8010}`), `user_agent` the
    browser User-Agent, `headers` any header. `http_client` lets you bring your
    own `httpx.Client` (proxies, certificates); it is not closed by `close()`,
    and `timeout` (seconds, per request) applies over it too. `sleep`, `random`
    and `clock` replace `time.sleep`, `random.random` and the UTC clock, for tests.
    """

    _http_class = httpx.Client

    def _connect(self, sleep: SyncSleep | None) -> None:
        self._transport = SyncTransport(self, self._http, sleep)
        self.api = Api(self._transport)
        self.tasks = TasksManager(self)
        self.projects = ProjectsManager(self)
        self.tags = TagsManager(self)
        self.filters = FiltersManager(self)
        self.columns = ColumnsManager(self)
        self.habits = HabitsManager(self)
        self.search = SearchManager(self)
        self.user = UserManager(self)

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
        """Full sync the first time (or with `full=True`), a delta from the checkpoint after."""
        checkpoint = self._sync_checkpoint(full)
        answer = self.api.sync.sync_v3(checkpoint)
        self.state.apply_sync(answer, full=checkpoint == 0)
        return answer

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(_HttpClient[httpx.AsyncClient, AsyncSleep]):
    """The same client over `httpx.AsyncClient`: every I/O method is a coroutine.

    `sleep` must be a coroutine function (default: `anyio.sleep`, so asyncio
    and trio both work). Use `async with`, or `await client.close()`.
    """

    _http_class = httpx.AsyncClient

    def _connect(self, sleep: AsyncSleep | None) -> None:
        self._transport = AsyncTransport(self, self._http, sleep)
        self.api = AsyncApi(self._transport)
        self.tasks = AsyncTasksManager(self)
        self.projects = AsyncProjectsManager(self)
        self.tags = AsyncTagsManager(self)
        self.filters = AsyncFiltersManager(self)
        self.columns = AsyncColumnsManager(self)
        self.habits = AsyncHabitsManager(self)
        self.search = AsyncSearchManager(self)
        self.user = AsyncUserManager(self)

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
        """Full sync the first time (or with `full=True`), a delta from the checkpoint after."""
        checkpoint = self._sync_checkpoint(full)
        answer = await self.api.sync.sync_v3(checkpoint)
        self.state.apply_sync(answer, full=checkpoint == 0)
        return answer

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
