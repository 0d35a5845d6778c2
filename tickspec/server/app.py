"""`create_app(...)`: the local TickTick server as a Starlette (ASGI) app.

    app = create_app(username="demo@tickspec.local", password="tickspec-demo",
                     seed_demo=True, faults=[{"operationId": "batchTask", "status": 429}])
    uvicorn.run(app, port=8765)

Every path of the spec answers (one catch-all route, dispatched by
operationId, see dispatch.py); `/__tickspec__/...` is the admin API (admin.py).
For tests, `tickspec.server.testing.running_server` runs it in a thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from tickspec import spec as spec_module
from tickspec.server import admin, seed
from tickspec.server.auth import Account, new_token
from tickspec.server.context import ServerConfig, ServerState
from tickspec.server.dispatch import TRANSPORT_KEY, handle_api
from tickspec.server.faults import Fault

DEFAULT_USERNAME = "demo@tickspec.local"
DEFAULT_PASSWORD = "tickspec-demo"
DEFAULT_USER_ID = 130208689
ALL_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]


def _transport_of(send: Send) -> Any:
    """uvicorn's `send` is a bound method of the request cycle, which holds the transport."""
    cycle = getattr(send, "__self__", None)
    return getattr(cycle, "transport", None)


class TickSpecApp(Starlette):
    """Starlette, plus the raw transport in the scope (for `dropConnection` faults)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope[TRANSPORT_KEY] = _transport_of(send)
        await super().__call__(scope, receive, send)

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
) -> TickSpecApp:
    """A fresh server with one account and an empty (or demo-seeded) store.

    `token` is a session that is valid from the start (default: a random one, see
    `app.tickspec.config.account.token`); `mfa_code` turns on the MFA step;
    `faults` are installed as if POSTed to `/__tickspec__/faults`;
    `validate_responses` makes the server check its own answers against the spec.
    """
    account = Account(
        username=username,
        password=password,
        user_id=user_id,
        token=token or new_token(),
        mfa_code=mfa_code,
    )
    config = ServerConfig(
        account=account, seed_demo=seed_demo, validate_responses=validate_responses
    )
    state = ServerState(spec or spec_module.load(), config, seeder=seed.seeder(seed_demo))
    state.auth.lockout_seconds = lockout_seconds
    for fault in faults:
        state.add_fault(fault if isinstance(fault, Fault) else Fault.from_json(fault))
    app = TickSpecApp(
        routes=[*admin.ROUTES, Route("/{path:path}", handle_api, methods=ALL_METHODS)]
    )
    app.state.tickspec = state
    return app
