"""What a handler gets (`Call`) and gives back (`Reply`), and the app's shared state.

Handlers are plain synchronous functions `Call -> Reply | JSON | None`: they
never await, so each request's reads and writes of the store happen without
another request in between (see store.py). Returning JSON means "200 with this
body"; returning None means "200 with an empty body" (what TickTick sends for
e.g. a project update); a `Reply` says anything else (status, headers, cookies).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tickspec.server import limits
from tickspec.server.auth import Account, Auth
from tickspec.server.errors import invalid_request
from tickspec.server.faults import Fault, FaultPlan
from tickspec.server.hosts import HostPolicy
from tickspec.server.oauth_server import OAuthServer
from tickspec.server.store import Store
from tickspec.server.validation import ValidRequest
from tickspec.spec import Operation, Spec

JsonObject = dict[str, Any]


@dataclass
class Reply:
    body: Any = None
    status: int = 200
    empty: bool = False
    """True: no body at all (not even `null`)."""
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ServerConfig:
    account: Account
    seed_demo: bool = False
    validate_responses: bool = False
    """Check every answer against the spec; a non-conforming one becomes a 500 (a bug)."""
    max_body: int = limits.MAX_BODY
    """Largest request body in bytes; a larger one is answered 413 (guard.py)."""
    hosts: HostPolicy = field(default_factory=HostPolicy)
    """The Host names the API answers (hosts.py); loopback names only by default."""


Seeder = Callable[["ServerState"], None]


class ServerState:
    """Everything one app instance holds; `reset()` returns it to how it started."""

    def __init__(self, spec: Spec, config: ServerConfig, seeder: Seeder | None = None) -> None:
        self.spec = spec
        self.config = config
        self.auth = Auth(config.account)
        self.oauth = OAuthServer()
        """Open API apps, codes and bearer tokens (apart from the web sessions)."""
        self.faults = FaultPlan()
        self._seeder = seeder
        self.store = self._new_store()
        self.violations: list[str] = []
        """Answers the spec rejects and handler crashes, one line each (server bugs);
        kept across `reset()` so a test harness can fail the test that caused them."""

    def _new_store(self) -> Store:
        self.store = Store(self.config.account.user_id)
        if self._seeder is not None:
            self._seeder(self)
        return self.store

    def add_fault(self, fault: Fault) -> None:
        """Install a fault; one naming an operation the spec lacks is refused (a typo
        would otherwise make a fault that never hits, and a test that proves nothing)."""
        known = {op.operation_id for op in self.spec.operations}
        if fault.operation_id is not None and fault.operation_id not in known:
            raise invalid_request(
                f"fault.operationId: no operation {fault.operation_id!r} in the spec"
            )
        self.faults.add(fault)

    def reset(self) -> None:
        self._new_store()
        self.faults.clear()
        self.faults.reset_stats()
        self.auth.reset()
        self.oauth.reset()


@dataclass(frozen=True)
class Call:
    state: ServerState
    op: Operation
    request: ValidRequest
    cookies: dict[str, str]
    raw_headers: dict[str, str] = field(default_factory=dict)
    """Every request header, lower-cased names (for the few the spec does not declare)."""
    raw_body: bytes = b""
    """The body as sent: the OAuth2 token endpoint reads a form-encoded one (not JSON)."""

    @property
    def store(self) -> Store:
        return self.state.store

    @property
    def body(self) -> Any:
        return self.request.body

    @property
    def query(self) -> dict[str, Any]:
        return self.request.query

    @property
    def path(self) -> dict[str, Any]:
        return self.request.path_params


Handler = Callable[[Call], Any]
