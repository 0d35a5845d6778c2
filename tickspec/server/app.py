"""`create_app(...)`: the local TickTick server as a Starlette (ASGI) app.

    app = create_app(username="demo@example.com", password="tickspec-demo",
                     seed_demo=True, faults=[{"operationId": "batchTask", "status": 429}])
    uvicorn.run(app, port=8765)

Every request passes guard.py first (path checks, double slashes collapsed,
body-size limit, JSON errors whatever happens); then `/__tickspec__/...` is
the admin API (admin.py) and every other path, once its Host passes the
DNS-rebinding guard (hosts.py), is dispatched by operationId (dispatch.py).
No framework router is involved: Starlette's would answer plain-text 404s,
and its path pattern stops at a newline. With `record=`, every exchange is
also appended to a HAR file (recorder.py).
For tests, `tickspec.server.testing.running_server` runs it in a thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from tickspec import spec as spec_module
from tickspec.server import admin, guard, limits, seed
from tickspec.server.auth import Account, new_token
from tickspec.server.context import ServerConfig, ServerState
from tickspec.server.dispatch import TRANSPORT_KEY, error_reply, handle_api, render
from tickspec.server.faults import Fault
from tickspec.server.hosts import HostPolicy
from tickspec.server.oauth_server import App, parse_app
from tickspec.server.recorder import Recorder

DEFAULT_USERNAME = "demo@example.com"
DEFAULT_PASSWORD = "tickspec-demo"
DEFAULT_USER_ID = 130208689


def _transport_of(send: Send) -> Any:
    """uvicorn's `send` is a bound method of the request cycle, which holds the transport."""
    cycle = getattr(send, "__self__", None)
    return getattr(cycle, "transport", None)


class TickSpecApp(Starlette):
    """Starlette, plus the raw transport in the scope (for `dropConnection` faults)."""

    recorder: Recorder | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan (off under `tickspec serve`), websockets
            await super().__call__(scope, receive, send)
            return
        scope[TRANSPORT_KEY] = _transport_of(send)
        scope["app"] = self
        if self.recorder is not None and not admin.is_admin(scope.get("path", "")):
            receive, send = self.recorder.wrap(scope, receive, send)
        await guard.guarded(self._route, scope, receive, send, self.tickspec.config.max_body)

    async def _route(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive, send)
        refused = self.tickspec.config.hosts.refusal(request.headers.get("host"))
        if admin.is_admin(scope["path"]):
            response = await admin.handle(request)
        elif refused is not None:
            response = render(error_reply(refused))
        else:
            response = await handle_api(request)
        await response(scope, receive, send)

    @property
    def tickspec(self) -> ServerState:
        state: ServerState = self.state.tickspec
        return state


def create_app(
    *,
    username: str = DEFAULT_USERNAME,
    password: str = DEFAULT_PASSWORD,
    token: str | None = None,
    user_id: int = DEFAULT_USER_ID,
    mfa_code: str | None = None,
    seed_demo: bool = False,
    faults: Iterable[dict[str, Any] | Fault] = (),
    validate_responses: bool = False,
    lockout_seconds: float = 300.0,
    spec: spec_module.Spec | None = None,
    max_body: int = limits.MAX_BODY,
    record: str | Path | None = None,
    oauth_apps: Iterable[str | App] = (),
    api_token: str | None = None,
    clock: Callable[[], float] | None = None,
    allow_hosts: Iterable[str] = (),
    bind_host: str = "127.0.0.1",
) -> TickSpecApp:
    """A fresh server with one account and an empty (or demo-seeded) store.

    `token` is a session that is valid from the start (default: a random one, see
    `app.tickspec.config.account.token`); `mfa_code` turns on the MFA step;
    `faults` are installed as if POSTed to `/__tickspec__/faults`;
    `validate_responses` makes the server check its own answers against the spec;
    `max_body` is the largest request body in bytes (larger: 413); `record` names
    a HAR file every exchange is written to (see recorder.py). `oauth_apps` registers
    Open API apps (`App` or "ID:SECRET:REDIRECT_URI"; ValueError if malformed) beside
    the built-in `tickspec-local`; `api_token` fixes the personal API token (default:
    random, `app.tickspec.oauth.personal_token`); `clock` (seconds, monotonic) times
    OAuth codes and tokens, sessions, pending MFA and the lockout, so tests can move
    it. Outside the admin API only loopback Host names are answered, plus
    `allow_hosts` (`"*"`: any), plus IP addresses when `bind_host` is not a loopback
    address (hosts.py; others get 421).
    """
    account = Account(
        username=username,
        password=password,
        user_id=user_id,
        token=token or new_token(),
        mfa_code=mfa_code,
    )
    config = ServerConfig(
        account=account,
        seed_demo=seed_demo,
        validate_responses=validate_responses,
        max_body=max_body,
        hosts=HostPolicy.for_bind(bind_host, allow_hosts),
    )
    state = ServerState(spec or spec_module.load(), config, seeder=seed.seeder(seed_demo))
    state.auth.lockout_seconds = lockout_seconds
    if clock is not None:
        state.oauth.clock = clock
        state.auth.clock = clock
    state.oauth.register(a if isinstance(a, App) else parse_app(a) for a in oauth_apps)
    if api_token is not None:
        state.oauth.tokens.pop(state.oauth.personal_token, None)
        state.oauth.personal_token = state.oauth.issue_personal(api_token)
    for fault in faults:
        state.add_fault(fault if isinstance(fault, Fault) else Fault.from_json(fault))
    app = TickSpecApp()
    app.state.tickspec = state
    if record is not None:
        app.recorder = Recorder(Path(record))
    return app
